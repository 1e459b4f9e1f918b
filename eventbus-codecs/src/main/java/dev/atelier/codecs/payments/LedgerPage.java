package dev.atelier.codecs.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

public record LedgerPage(List<LedgerEntryView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
  public LedgerPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
