package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** A customer's order, as the gateway passes it on (the customer comes from the token). */
public record PlaceOrder(UUID customerId, OrderDraft draft) {
  public PlaceOrder {
    required("customerId", customerId);
    required("items", draft);
  }
}
