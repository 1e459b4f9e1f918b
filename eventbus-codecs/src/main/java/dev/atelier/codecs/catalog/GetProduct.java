package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Reads one product; its variants only when asked for. */
public record GetProduct(UUID productId, boolean includeVariants) {
  public GetProduct {
    required("id", productId);
  }

  public GetProduct(UUID productId) {
    this(productId, false);
  }
}
