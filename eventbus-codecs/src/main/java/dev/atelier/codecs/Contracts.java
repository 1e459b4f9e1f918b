package dev.atelier.codecs;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Every service's contract on the class path, found by discovery; no domain is named here. */
public final class Contracts {
  private static final List<ServiceContract> ALL = load();

  private Contracts() {}

  public static List<ServiceContract> all() {
    return ALL;
  }

  public static List<Address<?, ?>> addresses() {
    var all = new ArrayList<Address<?, ?>>();
    ALL.forEach(c -> all.addAll(c.addresses()));
    return List.copyOf(all);
  }

  public static List<Topic<?>> topics() {
    var all = new ArrayList<Topic<?>>();
    ALL.forEach(c -> all.addAll(c.topics()));
    return List.copyOf(all);
  }

  private static List<ServiceContract> load() {
    var found = new ArrayList<ServiceContract>();
    ServiceLoader.load(ServiceContract.class, Contracts.class.getClassLoader()).forEach(found::add);
    var names = new java.util.HashSet<String>();
    for (ServiceContract c : found) {
      if (!names.add(c.service())) {
        throw new IllegalStateException("two contracts claim service '" + c.service() + "'");
      }
    }
    return List.copyOf(found);
  }
}
