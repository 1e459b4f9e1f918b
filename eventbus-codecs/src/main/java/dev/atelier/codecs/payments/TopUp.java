package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Money into the caller's own wallet (from outside the platform). */
public record TopUp(UUID userId, TopUpDraft draft) {
  public TopUp {
    required("userId", userId);
    required("amountCents", draft);
  }
}
