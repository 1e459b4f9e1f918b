package dev.atelier.codecs.orders;

import static dev.atelier.codecs.Checks.required;

import java.util.List;
import java.util.UUID;

/** order.placed: what the participants act on: the catalog reserves the lines, payments holds the total. */
public record OrderPlaced(UUID orderId, UUID customerId, List<OrderLine> items, long totalCents, String currency) {
  public OrderPlaced {
    required("orderId", orderId);
    required("customerId", customerId);
    required("currency", currency);
    items = List.copyOf(required("items", items));
  }
}
