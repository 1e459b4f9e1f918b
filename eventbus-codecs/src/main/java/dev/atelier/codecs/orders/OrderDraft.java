package dev.atelier.codecs.orders;

import dev.atelier.codecs.Failure;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** The body of {@code POST /api/orders}: 1-50 lines, each product (or variant) at most once. */
public record OrderDraft(List<OrderLineDraft> items) {
  public OrderDraft {
    if (items == null || items.isEmpty()) {
      throw Failure.invalid("items", "must hold at least one line");
    }
    if (items.size() > OrderRules.LINES_MAX) {
      throw Failure.invalid("items", "must hold at most " + OrderRules.LINES_MAX + " lines");
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < items.size(); i++) {
      OrderLineDraft line = items.get(i);
      if (line == null) {
        throw Failure.invalid("items[" + i + "]", "is required");
      }
      if (!seen.add(line.productId() + "/" + Objects.toString(line.variantSku(), ""))) {
        throw Failure.invalid("items[" + i + "]", "orders the same product or variant as an earlier line");
      }
    }
    items = List.copyOf(items);
  }
}
