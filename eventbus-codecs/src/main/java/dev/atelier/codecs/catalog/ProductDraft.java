package dev.atelier.codecs.catalog;

import dev.atelier.codecs.Checks;
import static dev.atelier.codecs.Checks.optionalText;
import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;
import static dev.atelier.codecs.Checks.text;

import java.util.List;

/** The body of POST /api/products. No owner or id: those come from the token and the server. */
public record ProductDraft(
    String name,
    String description,
    Long priceCents,
    String currency,
    List<String> tags,
    Integer stock,
    List<VariantDraft> variants) {
  public ProductDraft {
    name = text("name", name, ProductRules.NAME_MAX);
    description = description == null ? "" : optionalText("description", description, ProductRules.DESCRIPTION_MAX);
    range("priceCents", required("priceCents", priceCents), 0, ProductRules.PRICE_MAX_CENTS);
    currency = Checks.currency("currency", currency);
    tags = Checks.tags("tags", tags, ProductRules.TAGS_MAX, ProductRules.TAG_LENGTH_MAX);
    stock = stock == null ? 0 : (int) range("stock", stock, 0, ProductRules.STOCK_MAX);
    variants = Variants.check(variants);
  }
}
