package dev.atelier.codecs;

import dev.atelier.codecs.catalog.CatalogApi;
import java.util.ArrayList;
import java.util.List;

/** Every domain's addresses and topics: what Codecs installs and what the contract tests cover. */
public final class Contracts {
  private Contracts() {}

  public static List<Address<?, ?>> addresses() {
    var all = new ArrayList<Address<?, ?>>();
    all.addAll(CatalogApi.ADDRESSES);
    return List.copyOf(all);
  }

  public static List<Topic<?>> topics() {
    var all = new ArrayList<Topic<?>>();
    all.addAll(CatalogApi.TOPICS);
    return List.copyOf(all);
  }
}
