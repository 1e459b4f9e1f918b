package dev.atelier.ai;

import dev.atelier.codecs.catalog.ProductView;
import java.util.List;
import java.util.UUID;

/** A product as the AI service keeps it: what similarity and product cards need, and the catalog's version. */
record ProductCopy(UUID id, UUID merchantId, String name, String description, List<String> tags, long priceCents,
                   String currency, long version, boolean deleted) {
  ProductCopy {
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    tags = tags == null ? List.of() : List.copyOf(tags);
    currency = currency == null ? "" : currency;
  }

  static ProductCopy of(ProductView p) {
    return new ProductCopy(p.id(), p.merchantId(), p.name(), p.description(), p.tags(),
        p.priceCents() == null ? 0 : p.priceCents(), p.currency(), p.version() == null ? 0 : p.version(), false);
  }

  /** The text a model compares: name, tags and description. */
  String text() {
    return name + ". " + String.join(", ", tags) + ". " + description;
  }
}
