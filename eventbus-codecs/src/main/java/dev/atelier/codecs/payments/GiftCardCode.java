package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.required;

import dev.atelier.codecs.Failure;

/** The body of {@code POST /api/giftcards/redeem}: a code as issued (case and dashes do not matter). */
public record GiftCardCode(String code) {
  public GiftCardCode {
    required("code", code);
    if (code.isBlank() || code.length() > 64) {
      throw Failure.invalid("code", "must be a gift card code");
    }
  }
}
