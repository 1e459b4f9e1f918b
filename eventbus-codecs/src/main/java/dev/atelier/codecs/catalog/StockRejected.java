package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** stock.rejected: a line could not be reserved (too little stock, or no such product or variant); nothing was taken. */
public record StockRejected(UUID orderId, UUID productId, String variantSku) {
  public StockRejected {
    required("orderId", orderId);
    required("productId", productId);
  }
}
