package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** stock.reserved: every line of the order is taken from stock, until the order is confirmed or cancelled. */
public record StockReserved(UUID orderId) {
  public StockReserved {
    required("orderId", orderId);
  }
}
