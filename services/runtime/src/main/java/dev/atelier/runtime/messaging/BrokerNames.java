package dev.atelier.runtime.messaging;

import io.vertx.core.json.JsonObject;

/**
 * Where a deployment's messages live on a broker it may share: the topic exchange its events go to
 * ({@code messaging.exchange}) and a prefix for its queues ({@code messaging.queuePrefix}). Two
 * deployments with different names never see each other's events, as two vhosts would, without
 * needing broker administration (tests give every platform its own).
 */
public record BrokerNames(String exchange, String queuePrefix) {
  public static final BrokerNames DEFAULT = new BrokerNames(Topology.EVENTS, "");

  public BrokerNames {
    if (exchange == null || exchange.isBlank()) {
      throw new IllegalArgumentException("messaging.exchange must not be blank");
    }
    queuePrefix = queuePrefix == null ? "" : queuePrefix;
  }

  public static BrokerNames from(JsonObject config) {
    JsonObject m = config.getJsonObject("messaging");
    return new BrokerNames(m.getString("exchange", Topology.EVENTS), m.getString("queuePrefix", ""));
  }

  /** The broker name of a service's queue ({@code payments.orders} with the prefix in front). */
  public String queue(String name) {
    return queuePrefix + name;
  }
}
