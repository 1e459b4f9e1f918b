package dev.atelier.codecs.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a product list; {@code nextCursor} is null on the last page. */
public record ProductPage(List<ProductView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
  public ProductPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
