package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.matches;
import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;
import static dev.atelier.codecs.Checks.text;

/** A variant as a merchant writes it. */
public record VariantDraft(String sku, String name, Long priceCents, Integer stock) {
  public VariantDraft {
    sku = matches("sku", sku, ProductRules.SKU, "must be 1-64 letters, digits, '.', '_' or '-'");
    name = text("name", name, ProductRules.NAME_MAX);
    range("priceCents", required("priceCents", priceCents), 0, ProductRules.PRICE_MAX_CENTS);
    range("stock", required("stock", stock), 0, ProductRules.STOCK_MAX);
  }
}
