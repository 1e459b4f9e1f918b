package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** The AI service's copy of a product changed: every node's similarity index reads it again. */
public record ProductsChanged(UUID productId) {
  public ProductsChanged {
    required("productId", productId);
  }
}
