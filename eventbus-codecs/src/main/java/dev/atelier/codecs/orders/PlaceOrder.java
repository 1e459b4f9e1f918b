package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/**
 * A customer's order, as the gateway passes it on: the customer comes from the token, and
 * {@code requestKey} is the request's Idempotency-Key, so the orders service keys its own write by
 * it too (a request replayed after the gateway lost its answer finds the first order).
 */
public record PlaceOrder(UUID customerId, String requestKey, OrderDraft draft) {
  public PlaceOrder {
    required("customerId", customerId);
    required("items", draft);
  }
}
