package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

/** The body of {@code POST /api/giftcards}. */
public record GiftCardDraft(Long amountCents, String currency) {
  public GiftCardDraft {
    range("amountCents", required("amountCents", amountCents), 1, MoneyRules.AMOUNT_MAX_CENTS);
    dev.atelier.codecs.Checks.currency("currency", currency);
  }
}
