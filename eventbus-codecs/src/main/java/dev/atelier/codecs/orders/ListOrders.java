package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** A page of the customer's orders from the read model, optionally of one status. */
public record ListOrders(UUID customerId, OrderStatus status, int limit, String cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public ListOrders {
    required("customerId", customerId);
    range("limit", limit, 1, MAX_LIMIT);
  }
}
