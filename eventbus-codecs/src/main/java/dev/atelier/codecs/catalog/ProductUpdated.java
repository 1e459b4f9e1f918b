package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** product.updated: the product after the change, variants included. */
public record ProductUpdated(ProductView product) implements CatalogEvent {
  public ProductUpdated {
    required("product", product);
  }

  @Override
  public UUID productId() {
    return product.id();
  }
}
