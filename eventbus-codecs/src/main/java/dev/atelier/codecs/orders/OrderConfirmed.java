package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** order.confirmed: stock reserved and funds held; payments captures the hold, the catalog keeps the stock taken. */
public record OrderConfirmed(UUID orderId, UUID customerId, long totalCents, String currency) {
  public OrderConfirmed {
    required("orderId", orderId);
    required("customerId", customerId);
    required("currency", currency);
  }
}
