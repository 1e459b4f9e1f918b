package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Applies a patch to a product, if {@code merchantId} owns it. */
public record UpdateProduct(UUID productId, UUID merchantId, ProductPatch patch) {
  public UpdateProduct {
    required("id", productId);
    required("merchantId", merchantId);
    required("body", patch);
  }
}
