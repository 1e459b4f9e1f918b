package dev.atelier.ai;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * {@code ai.generator}: which image provider the workers run. {@code local} composes a product card
 * with Java's imaging; {@code remote} calls an OpenAI-compatible /v1/images/generations at {@code url}.
 */
record GeneratorSettings(String provider, String url, String apiKey, String name, Duration timeout, int maxFailures,
                         Duration reset) {
  static final String LOCAL = "local";
  static final String REMOTE = "remote";

  GeneratorSettings {
    url = url == null ? "" : url.strip();
    if (!provider.equals(LOCAL) && !provider.equals(REMOTE)) {
      throw new IllegalArgumentException("ai.generator.provider must be local or remote, not " + provider);
    }
    if (provider.equals(REMOTE) && url.isEmpty()) {
      throw new IllegalArgumentException("ai.generator.url is required with ai.generator.provider=remote");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("ai.generator.timeoutMillis must be positive");
    }
    if (maxFailures < 1 || reset.isZero() || reset.isNegative()) {
      throw new IllegalArgumentException("ai.generator.maxFailures and resetMillis must be positive");
    }
  }

  static GeneratorSettings from(JsonObject g) {
    return new GeneratorSettings(g.getString("provider"), g.getString("url"), g.getString("apiKey"), g.getString("name"),
        Duration.ofMillis(g.getLong("timeoutMillis")), g.getInteger("maxFailures"), Duration.ofMillis(g.getLong("resetMillis")));
  }

  @Override
  public String toString() {
    return "GeneratorSettings[provider=" + provider + ", url=" + url + ", apiKey="
        + (apiKey == null || apiKey.isEmpty() ? "none" : "***") + ", timeout=" + timeout + "]";
  }
}
