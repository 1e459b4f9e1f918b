package dev.atelier.orders;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The {@code orders} section of config. */
record OrdersConfig(int poolSize, String currency, Duration sagaDeadline, Duration sweepInterval) {
  OrdersConfig {
    if (sagaDeadline.isNegative() || sagaDeadline.isZero()) {
      throw new IllegalArgumentException("orders.sagaDeadlineMillis must be positive");
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("orders.sweepIntervalMillis must be positive");
    }
  }

  static OrdersConfig from(JsonObject config) {
    JsonObject o = config.getJsonObject("orders");
    return new OrdersConfig(o.getInteger("poolSize"), o.getString("currency"),
        Duration.ofMillis(o.getLong("sagaDeadlineMillis")), Duration.ofMillis(o.getLong("sweepIntervalMillis")));
  }
}
