package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

/** A product read, and whether it came from the cache (the gateway's {@code X-Cache}). */
public record ProductLookup(ProductView product, boolean fromCache) {
  public ProductLookup {
    required("product", product);
  }
}
