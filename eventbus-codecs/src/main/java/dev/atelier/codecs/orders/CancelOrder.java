package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** The customer's own cancellation, while the order is PENDING. */
public record CancelOrder(UUID orderId, UUID customerId) {
  public CancelOrder {
    required("id", orderId);
    required("customerId", customerId);
  }
}
