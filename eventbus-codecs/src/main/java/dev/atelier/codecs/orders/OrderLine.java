package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** A priced line of a placed order: the unit price is the catalog's at the time of ordering. */
public record OrderLine(UUID productId, String variantSku, int quantity, long unitPriceCents) {
  public OrderLine {
    required("productId", productId);
    range("quantity", quantity, 1, OrderRules.QUANTITY_MAX);
    range("unitPriceCents", unitPriceCents, 0, Long.MAX_VALUE / 1000);
  }

  public long totalCents() {
    return unitPriceCents * quantity;
  }
}
