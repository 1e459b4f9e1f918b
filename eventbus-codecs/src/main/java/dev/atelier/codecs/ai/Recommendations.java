package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.List;

/**
 * Recommended products, best first; {@code source} says who ranked them: {@value #MODEL} (the remote
 * model) or {@value #FALLBACK} (the local index, because the model is not configured, slow, failing
 * or behind an open breaker).
 */
public record Recommendations(List<Recommendation> items, String source) {
  public static final String MODEL = "model";
  public static final String FALLBACK = "fallback";

  public Recommendations {
    items = List.copyOf(required("items", items));
    required("source", source);
    if (!source.equals(MODEL) && !source.equals(FALLBACK)) {
      throw new IllegalArgumentException("source must be model or fallback: " + source);
    }
  }
}
