package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Deletes a product, if {@code merchantId} owns it. */
public record DeleteProduct(UUID productId, UUID merchantId) {
  public DeleteProduct {
    required("id", productId);
    required("merchantId", merchantId);
  }
}
