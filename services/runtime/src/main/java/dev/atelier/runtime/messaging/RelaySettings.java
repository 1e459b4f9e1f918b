package dev.atelier.runtime.messaging;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The outbox relay's knobs, from {@code messaging.relay} in config. */
public record RelaySettings(int batchSize, Duration pollInterval, Duration confirmTimeout, Duration reconnectInterval,
                            Duration retention, Duration cleanupInterval) {
  public RelaySettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("messaging.relay.batchSize must be at least 1");
    }
    positive("pollIntervalMillis", pollInterval);
    positive("confirmTimeoutMillis", confirmTimeout);
    positive("reconnectIntervalMillis", reconnectInterval);
    positive("cleanupIntervalSeconds", cleanupInterval);
    if (retention.isNegative()) {
      throw new IllegalArgumentException("messaging.relay.retentionHours must not be negative");
    }
  }

  public static RelaySettings from(JsonObject config) {
    JsonObject r = config.getJsonObject("messaging").getJsonObject("relay");
    return new RelaySettings(
        r.getInteger("batchSize"),
        Duration.ofMillis(r.getLong("pollIntervalMillis")),
        Duration.ofMillis(r.getLong("confirmTimeoutMillis")),
        Duration.ofMillis(r.getLong("reconnectIntervalMillis")),
        Duration.ofHours(r.getLong("retentionHours")),
        Duration.ofSeconds(r.getLong("cleanupIntervalSeconds")));
  }

  public RelaySettings withRetention(Duration value) {
    return new RelaySettings(batchSize, pollInterval, confirmTimeout, reconnectInterval, value, cleanupInterval);
  }

  /** The wait before reconnect attempt {@code failures} (1, 2, ...): doubling from the interval, capped. */
  public Duration reconnectDelay(int failures) {
    return Backoff.delay(reconnectInterval, failures);
  }

  private static void positive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("messaging.relay." + key + " must be positive");
    }
  }
}
