package dev.atelier.gateway.edge;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Idempotency-key settings, read once from {@code idempotency.*}: how long a key and its response
 * are kept, how long an unfinished claim blocks a retry, and the cleanup's pace.
 */
public record IdempotencyConfig(Duration ttl, Duration lease, int poolSize, int maxKeyLength,
                                Duration cleanupInterval, int cleanupBatchSize) {
  public IdempotencyConfig {
    // API.md promises clients at least 24 h: a shorter ttl would replay a retry as a second order
    if (ttl.compareTo(Duration.ofHours(24)) < 0) {
      throw new IllegalArgumentException("idempotency.ttlHours must be at least 24 (API.md promises 24 h)");
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("idempotency.leaseSeconds must be at least 1");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("idempotency.poolSize must be at least 1");
    }
    if (maxKeyLength < 1 || maxKeyLength > 1024) {
      throw new IllegalArgumentException("idempotency.maxKeyLength must be 1-1024");
    }
    if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
      throw new IllegalArgumentException("idempotency.cleanupIntervalSeconds must be at least 1");
    }
    if (cleanupBatchSize < 1) {
      throw new IllegalArgumentException("idempotency.cleanupBatchSize must be at least 1");
    }
  }

  public static IdempotencyConfig from(JsonObject root) {
    JsonObject c = root.getJsonObject("idempotency");
    return new IdempotencyConfig(Duration.ofHours(c.getLong("ttlHours")), Duration.ofSeconds(c.getLong("leaseSeconds")),
        c.getInteger("poolSize"), c.getInteger("maxKeyLength"), Duration.ofSeconds(c.getLong("cleanupIntervalSeconds")),
        c.getInteger("cleanupBatchSize"));
  }
}
