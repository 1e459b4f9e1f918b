package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** One recommended product and how close it is (higher is closer; comparable within one answer only). */
public record Recommendation(UUID productId, double score) {
  public Recommendation {
    required("productId", productId);
  }
}
