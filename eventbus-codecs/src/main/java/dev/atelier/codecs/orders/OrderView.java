package dev.atelier.codecs.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as its owner reads it; {@code cancelReason} is null unless CANCELLED. */
public record OrderView(UUID id, UUID customerId, OrderStatus status,
                        @JsonInclude(JsonInclude.Include.ALWAYS) CancelReason cancelReason,
                        List<OrderLine> items, long totalCents, String currency, Instant createdAt, Instant updatedAt) {
  public OrderView {
    items = List.copyOf(items);
  }
}
