package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** One order of {@code customerId}'s; another customer's answers NOT_FOUND. */
public record GetOrder(UUID orderId, UUID customerId) {
  public GetOrder {
    required("id", orderId);
    required("customerId", customerId);
  }
}
