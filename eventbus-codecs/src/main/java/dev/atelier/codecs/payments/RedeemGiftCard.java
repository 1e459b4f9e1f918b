package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Redeems a gift card into the caller's wallet, exactly once per card. */
public record RedeemGiftCard(UUID userId, GiftCardCode code) {
  public RedeemGiftCard {
    required("userId", userId);
    required("code", code);
  }
}
