package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Creates a product owned by {@code merchantId}, taken from the caller's token. */
public record CreateProduct(UUID merchantId, ProductDraft draft) {
  public CreateProduct {
    required("merchantId", merchantId);
    required("body", draft);
  }
}
