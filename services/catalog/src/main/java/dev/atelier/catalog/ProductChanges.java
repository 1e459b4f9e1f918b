package dev.atelier.catalog;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.UUID;

/**
 * Tells every catalog instance of this node that a product changed, so that no instance's loader
 * lets a later miss join a read that began before the change. Node-local: other nodes' loaders can
 * still hand out the row they were reading for the length of that one read.
 */
final class ProductChanges {
  // internal to the catalog, not part of its contract: a plain id, never leaving the JVM
  static final String ADDRESS = "catalog.internal.productChanged";
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  private final EventBus bus;

  ProductChanges(EventBus bus) {
    this.bus = bus;
  }

  void announce(UUID id) {
    bus.publish(ADDRESS, id.toString(), LOCAL);
  }

  /** Makes {@code loader} forget each announced id; completes once registered. */
  Future<Void> followWith(ProductLoader loader) {
    return bus.<String>localConsumer(ADDRESS, msg -> loader.forget(UUID.fromString(msg.body()))).completion();
  }
}
