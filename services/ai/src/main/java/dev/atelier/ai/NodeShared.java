package dev.atelier.ai;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One object per Vert.x instance (node) and key, shared by a verticle's instances and closed when
 * the last of them releases it: the index and the model's breaker must be the node's, or every
 * instance would load its own copy of the catalog and learn separately that the model hangs.
 */
final class NodeShared {
  private record Entry(Object value, int users) {}

  private static final Map<Vertx, Map<String, Entry>> NODES = new HashMap<>();

  private NodeShared() {}

  static synchronized <T> T acquire(Vertx vertx, String key, Supplier<T> create) {
    Map<String, Entry> node = NODES.computeIfAbsent(vertx, v -> new HashMap<>());
    Entry e = node.get(key);
    e = e == null ? new Entry(create.get(), 1) : new Entry(e.value(), e.users() + 1);
    node.put(key, e);
    @SuppressWarnings("unchecked")
    T value = (T) e.value();
    return value;
  }

  static synchronized void release(Vertx vertx, String key) {
    Map<String, Entry> node = NODES.get(vertx);
    Entry e = node == null ? null : node.get(key);
    if (e == null) {
      return;
    }
    if (e.users() > 1) {
      node.put(key, new Entry(e.value(), e.users() - 1));
      return;
    }
    node.remove(key);
    if (node.isEmpty()) {
      NODES.remove(vertx);
    }
    if (e.value() instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing in-memory state on shutdown: nothing to report to anyone
      }
    }
  }
}
