package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.matches;
import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** One line as a customer orders it: a product (or one of its variants) and how many. */
public record OrderLineDraft(UUID productId, String variantSku, Integer quantity) {
  public OrderLineDraft {
    required("productId", productId);
    if (variantSku != null) {
      matches("variantSku", variantSku, OrderRules.SKU, "must be 1-64 letters, digits, '.', '_' or '-'");
    }
    range("quantity", required("quantity", quantity), 1, OrderRules.QUANTITY_MAX);
  }
}
