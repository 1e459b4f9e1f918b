package dev.atelier.codecs.catalog;

import java.util.UUID;

/** The catalog's domain events; a consumer's switch over them must cover every one. */
public sealed interface CatalogEvent permits ProductCreated, ProductUpdated, ProductDeleted {
  UUID productId();
}
