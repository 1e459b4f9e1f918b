package dev.atelier.launcher;

import io.vertx.core.json.JsonObject;

/** Settings for tests that send many requests from one address: limits high enough not to be what is tested. */
final class FuzzConfig {
  private FuzzConfig() {}

  static void relaxLimits(JsonObject config) {
    JsonObject limits = config.getJsonObject("rateLimit");
    if (limits == null) {
      return;
    }
    for (String name : limits.fieldNames()) {
      if (limits.getValue(name) instanceof JsonObject c && c.containsKey("ratePerSecond")) {
        c.put("ratePerSecond", 100_000.0).put("burst", 100_000);
      }
    }
  }
}
