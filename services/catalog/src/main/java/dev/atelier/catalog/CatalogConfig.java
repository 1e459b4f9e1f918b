package dev.atelier.catalog;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The catalog's settings, read once from config. */
record CatalogConfig(Duration cacheTtl, int poolSize, Duration redisTimeout, int breakerMaxFailures, Duration breakerReset,
                     int ordersPrefetch) {
  CatalogConfig {
    if (cacheTtl.isNegative() || cacheTtl.isZero()) {
      throw new IllegalArgumentException("catalog.cacheTtlMillis must be positive");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("catalog.poolSize must be at least 1");
    }
    if (ordersPrefetch < 1) {
      throw new IllegalArgumentException("catalog.ordersPrefetch must be at least 1");
    }
  }

  static CatalogConfig from(JsonObject root) {
    JsonObject c = root.getJsonObject("catalog");
    JsonObject breaker = root.getJsonObject("breaker");
    return new CatalogConfig(
        Duration.ofMillis(c.getLong("cacheTtlMillis")),
        c.getInteger("poolSize"),
        Duration.ofMillis(root.getJsonObject("redis").getLong("timeoutMillis")),
        breaker.getInteger("maxFailures"),
        Duration.ofMillis(breaker.getLong("resetMillis")),
        c.getInteger("ordersPrefetch"));
  }
}
