package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** order.cancelled: the participants give back what they took for it (stock, held funds), if anything. */
public record OrderCancelled(UUID orderId, UUID customerId, CancelReason reason) {
  public OrderCancelled {
    required("orderId", orderId);
    required("customerId", customerId);
    required("reason", reason);
  }
}
