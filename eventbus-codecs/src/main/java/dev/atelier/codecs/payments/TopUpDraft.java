package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

/** The body of {@code POST /api/wallet/top-ups}. */
public record TopUpDraft(Long amountCents) {
  public TopUpDraft {
    range("amountCents", required("amountCents", amountCents), 1, MoneyRules.AMOUNT_MAX_CENTS);
  }
}
