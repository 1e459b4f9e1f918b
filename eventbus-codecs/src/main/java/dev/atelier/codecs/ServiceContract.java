package dev.atelier.codecs;

import java.util.List;
import java.util.Map;

/**
 * One service's contract, found with {@link java.util.ServiceLoader}: what it serves, what it
 * emits, and one sample of each record for the golden-file round trips. Listing an implementation
 * in {@code META-INF/services/dev.atelier.codecs.ServiceContract} is all it takes for its records
 * to get a codec on every node and a contract test.
 */
public interface ServiceContract {
  /** The service's name: the first segment of its addresses ({@code catalog}). */
  String service();

  List<Address<?, ?>> addresses();

  List<Topic<?>> topics();

  /** Records carried that are not the request or reply of an address or an event. */
  default List<Class<?>> otherTypes() {
    return List.of();
  }

  /** One fixed instance of every record above, keyed by its class: what the golden files hold. */
  Map<Class<?>, Object> samples();
}
