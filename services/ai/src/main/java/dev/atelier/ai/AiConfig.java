package dev.atelier.ai;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code ai} section of config, read once; {@code generations} holds the workers' own knobs. */
record AiConfig(int poolSize, int catalogPrefetch, Duration cacheTtl, int candidates, double priceWeight,
                Duration indexPoll, ModelSettings model, GeneratorSettings generator, Path storageDir) {
  AiConfig {
    if (poolSize < 1) {
      throw new IllegalArgumentException("ai.poolSize must be at least 1");
    }
    if (catalogPrefetch < 1) {
      throw new IllegalArgumentException("ai.catalogPrefetch must be at least 1");
    }
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException("ai.recommendations.cacheTtlSeconds must be 0 (no cache) or more");
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("ai.recommendations.candidates must be at least 1");
    }
    if (priceWeight < 0 || priceWeight > 1) {
      throw new IllegalArgumentException("ai.recommendations.priceWeight must be between 0 and 1");
    }
    if (indexPoll.isZero() || indexPoll.isNegative()) {
      throw new IllegalArgumentException("ai.recommendations.indexPollMillis must be positive");
    }
  }

  static AiConfig from(JsonObject config) {
    JsonObject a = config.getJsonObject("ai");
    JsonObject r = a.getJsonObject("recommendations");
    String dir = a.getJsonObject("storage").getString("dir");
    Path storage = dir == null || dir.isBlank() ? Path.of(config.getString("dataDir"), "ai") : Path.of(dir);
    return new AiConfig(a.getInteger("poolSize"), a.getInteger("catalogPrefetch"),
        Duration.ofSeconds(r.getLong("cacheTtlSeconds")), r.getInteger("candidates"), r.getDouble("priceWeight"),
        Duration.ofMillis(r.getLong("indexPollMillis")), ModelSettings.from(a.getJsonObject("model")),
        GeneratorSettings.from(a.getJsonObject("generator")), storage.toAbsolutePath().normalize());
  }
}
