package dev.atelier.codecs.ops;

import java.util.List;

public record DeadLetterPage(List<DeadLetterView> items) {
  public DeadLetterPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
