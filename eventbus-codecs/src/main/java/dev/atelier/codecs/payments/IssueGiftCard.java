package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** A merchant or admin issues a gift card; the issuer comes from the token. */
public record IssueGiftCard(UUID issuerId, GiftCardDraft draft) {
  public IssueGiftCard {
    required("issuerId", issuerId);
    required("amountCents", draft);
  }
}
