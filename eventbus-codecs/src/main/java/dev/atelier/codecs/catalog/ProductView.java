package dev.atelier.codecs.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A product as clients see it. Every field is nullable because a list with {@code ?fields=}
 * carries only the fields asked for; absent fields are left out of the JSON.
 */
public record ProductView(
    UUID id,
    UUID merchantId,
    String name,
    String description,
    Long priceCents,
    String currency,
    List<String> tags,
    Integer stock,
    String thumbnailUrl,
    Long version,
    Instant createdAt,
    Instant updatedAt,
    List<VariantView> variants) {
  public ProductView {
    tags = tags == null ? null : List.copyOf(tags);
    variants = variants == null ? null : List.copyOf(variants);
  }

  public ProductView withoutVariants() {
    return variants == null ? this : new ProductView(id, merchantId, name, description, priceCents, currency,
        tags, stock, thumbnailUrl, version, createdAt, updatedAt, null);
  }
}
