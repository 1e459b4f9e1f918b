package dev.atelier.codecs.payments;

import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

public record ListLedger(UUID userId, int limit, String cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public ListLedger {
    required("userId", userId);
    range("limit", limit, 1, MAX_LIMIT);
  }
}
