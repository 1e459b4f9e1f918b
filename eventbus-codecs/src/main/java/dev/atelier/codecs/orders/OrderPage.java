package dev.atelier.codecs.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a customer's orders, newest first; {@code nextCursor} is null on the last page. */
public record OrderPage(List<OrderView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
  public OrderPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
