package dev.atelier.codecs;

import io.vertx.core.Vertx;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Installs a {@link RecordCodec} for every request, reply and event record of {@link Contracts}.
 * Only these classes can be decoded from the wire: the allow-list is the contract itself.
 */
public final class Codecs {
  private Codecs() {}

  public static void install(Vertx vertx) {
    for (Class<?> type : messageTypes()) {
      register(vertx, type);
    }
  }

  public static Set<Class<?>> messageTypes() {
    var types = new LinkedHashSet<Class<?>>();
    for (Address<?, ?> a : Contracts.addresses()) {
      types.add(a.requestType());
      types.add(a.replyType());
    }
    for (Topic<?> t : Contracts.topics()) {
      types.add(t.eventType());
    }
    Contracts.all().forEach(c -> types.addAll(c.otherTypes()));
    return types;
  }

  private static <T> void register(Vertx vertx, Class<T> type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new RecordCodec<>(type));
    } catch (IllegalStateException alreadyInstalled) {
      // a second verticle or test on the same Vertx: the codec is already there
    }
  }
}
