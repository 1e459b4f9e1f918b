package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** stock.released: what was reserved for a cancelled order is back in stock. */
public record StockReleased(UUID orderId) {
  public StockReleased {
    required("orderId", orderId);
  }
}
