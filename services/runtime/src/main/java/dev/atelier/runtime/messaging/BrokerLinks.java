package dev.atelier.runtime.messaging;

import dev.atelier.runtime.ops.HealthCheck;
import dev.atelier.runtime.ops.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The node's connections that must reach the broker for its writes to leave (one per outbox
 * relay), behind the one {@code amqp} readiness check: UP only while every one of them is connected.
 */
final class BrokerLinks implements Shareable {
  private static final String MAP = "atelier.brokerLinks";
  private final Map<String, BooleanSupplier> links = new ConcurrentHashMap<>();

  static BrokerLinks of(Vertx vertx) {
    return (BrokerLinks) vertx.sharedData().<String, BrokerLinks>getLocalMap(MAP).computeIfAbsent("node", k -> {
      var created = new BrokerLinks();
      NodeHealth.of(vertx).register(new HealthCheck("amqp", true, created::probe));
      return created;
    });
  }

  void add(String name, BooleanSupplier connected) {
    links.put(name, connected);
  }

  void remove(String name) {
    links.remove(name);
  }

  private Future<Void> probe() {
    List<String> down = new ArrayList<>();
    links.forEach((name, connected) -> {
      if (!connected.getAsBoolean()) {
        down.add(name);
      }
    });
    return down.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture("not connected to the AMQP broker: " + String.join(", ", down) + " (their events wait)");
  }
}
