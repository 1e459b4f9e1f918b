package dev.atelier.codecs.catalog;

import dev.atelier.codecs.Checks;
import static dev.atelier.codecs.Checks.optionalText;
import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.text;

import dev.atelier.codecs.Failure;
import java.util.List;

/**
 * The body of PATCH /api/products/{id}: a field left out stays as it is. {@code variants}, when
 * given, replaces the whole list.
 */
public record ProductPatch(
    String name,
    String description,
    Long priceCents,
    String currency,
    List<String> tags,
    Integer stock,
    List<VariantDraft> variants) {
  public ProductPatch {
    name = name == null ? null : text("name", name, ProductRules.NAME_MAX);
    description = optionalText("description", description, ProductRules.DESCRIPTION_MAX);
    if (priceCents != null) {
      range("priceCents", priceCents, 0, ProductRules.PRICE_MAX_CENTS);
    }
    currency = currency == null ? null : Checks.currency("currency", currency);
    tags = tags == null ? null : Checks.tags("tags", tags, ProductRules.TAGS_MAX, ProductRules.TAG_LENGTH_MAX);
    if (stock != null) {
      range("stock", stock, 0, ProductRules.STOCK_MAX);
    }
    variants = variants == null ? null : Variants.check(variants);
    if (name == null && description == null && priceCents == null && currency == null && tags == null
        && stock == null && variants == null) {
      throw Failure.invalid(null, "a patch must change at least one field");
    }
  }
}
