package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Products like {@code productId}, best first, at most {@code limit}. */
public record GetRecommendations(UUID productId, int limit) {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 50;

  public GetRecommendations {
    required("id", productId);
    range("limit", limit, 1, MAX_LIMIT);
  }
}
