package dev.atelier.runtime.messaging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A consumer's knobs, from {@code messaging.consumer} in config. */
public record ConsumerSettings(int prefetch, List<Duration> retryDelays, Duration handlerTimeout,
                               Duration reconnectInterval, Duration inboxRetention, Duration depthSampleInterval) {
  public ConsumerSettings {
    if (prefetch < 1) {
      throw new IllegalArgumentException("messaging.consumer.prefetch must be at least 1");
    }
    retryDelays = List.copyOf(retryDelays);
    for (Duration d : retryDelays) {
      positive("retryDelaysMillis", d);
    }
    positive("handlerTimeoutMillis", handlerTimeout);
    positive("reconnectIntervalMillis", reconnectInterval);
    positive("inboxRetentionHours", inboxRetention);
    positive("depthSampleMillis", depthSampleInterval);
  }

  public static ConsumerSettings from(JsonObject config) {
    JsonObject c = config.getJsonObject("messaging").getJsonObject("consumer");
    List<Duration> delays = new ArrayList<>();
    JsonArray configured = c.getJsonArray("retryDelaysMillis");
    for (int i = 0; i < configured.size(); i++) {
      delays.add(Duration.ofMillis(Long.parseLong(String.valueOf(configured.getValue(i)).trim())));
    }
    return new ConsumerSettings(
        c.getInteger("prefetch"),
        delays,
        Duration.ofMillis(c.getLong("handlerTimeoutMillis")),
        Duration.ofMillis(c.getLong("reconnectIntervalMillis")),
        Duration.ofHours(c.getLong("inboxRetentionHours")),
        Duration.ofMillis(c.getLong("depthSampleMillis")));
  }

  public ConsumerSettings withRetryDelays(List<Duration> delays) {
    return new ConsumerSettings(prefetch, delays, handlerTimeout, reconnectInterval, inboxRetention, depthSampleInterval);
  }

  public ConsumerSettings withPrefetch(int value) {
    return new ConsumerSettings(value, retryDelays, handlerTimeout, reconnectInterval, inboxRetention, depthSampleInterval);
  }

  /** The wait before reconnect attempt {@code failures} (1, 2, ...): doubling from the interval, capped at 30 s. */
  public Duration reconnectDelay(int failures) {
    return Backoff.delay(reconnectInterval, failures);
  }

  private static void positive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("messaging.consumer." + key + " must be positive");
    }
  }
}
