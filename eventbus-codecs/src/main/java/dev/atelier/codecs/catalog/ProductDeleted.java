package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** product.deleted; also the reply to a delete. */
public record ProductDeleted(UUID productId, UUID merchantId) implements CatalogEvent {
  public ProductDeleted {
    required("productId", productId);
    required("merchantId", merchantId);
  }
}
