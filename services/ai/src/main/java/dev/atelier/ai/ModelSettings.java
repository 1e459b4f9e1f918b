package dev.atelier.ai;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * {@code ai.model}: the remote recommendation model. An empty {@code url} means none: every answer
 * comes from the local index. {@code kind} is the shape the endpoint speaks (README, "AI"):
 * {@code recommendations} or {@code embeddings} (OpenAI-compatible /v1/embeddings). {@code
 * maxConnections} bounds both the connections to it and the calls in flight (ModelClient).
 */
record ModelSettings(String url, String kind, String apiKey, String name, Duration timeout, int maxFailures,
                     Duration failureWindow, Duration reset, int maxConnections) {
  static final String RECOMMENDATIONS = "recommendations";
  static final String EMBEDDINGS = "embeddings";

  ModelSettings {
    url = url == null ? "" : url.strip();
    if (!kind.equals(RECOMMENDATIONS) && !kind.equals(EMBEDDINGS)) {
      throw new IllegalArgumentException("ai.model.kind must be recommendations or embeddings, not " + kind);
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("ai.model.timeoutMillis must be positive");
    }
    if (maxFailures < 1) {
      throw new IllegalArgumentException("ai.model.maxFailures must be at least 1");
    }
    if (reset.isZero() || reset.isNegative()) {
      throw new IllegalArgumentException("ai.model.resetMillis must be positive");
    }
    if (failureWindow.isZero() || failureWindow.isNegative()) {
      throw new IllegalArgumentException("ai.model.failureWindowMillis must be positive");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("ai.model.maxConnections must be at least 1");
    }
  }

  static ModelSettings from(JsonObject m) {
    return new ModelSettings(m.getString("url"), m.getString("kind"), m.getString("apiKey"), m.getString("name"),
        Duration.ofMillis(m.getLong("timeoutMillis")), m.getInteger("maxFailures"),
        Duration.ofMillis(m.getLong("failureWindowMillis")), Duration.ofMillis(m.getLong("resetMillis")),
        m.getInteger("maxConnections"));
  }

  boolean configured() {
    return !url.isEmpty();
  }

  @Override
  public String toString() {
    return "ModelSettings[url=" + url + ", kind=" + kind + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "none" : "***")
        + ", name=" + name + ", timeout=" + timeout + ", maxFailures=" + maxFailures + " in " + failureWindow
        + ", reset=" + reset + "]";
  }
}
