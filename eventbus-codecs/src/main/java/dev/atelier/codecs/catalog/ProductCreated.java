package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** product.created: the product as it was created, variants included. */
public record ProductCreated(ProductView product) implements CatalogEvent {
  public ProductCreated {
    required("product", product);
  }

  @Override
  public UUID productId() {
    return product.id();
  }
}
