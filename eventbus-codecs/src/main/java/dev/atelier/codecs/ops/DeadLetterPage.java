package dev.atelier.codecs.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of dead letters; {@code nextCursor} is null on the last page. */
public record DeadLetterPage(List<DeadLetterView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
  public DeadLetterPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
