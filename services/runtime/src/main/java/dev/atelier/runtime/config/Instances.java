package dev.atelier.runtime.config;

import io.vertx.core.json.JsonObject;

/** How many instances of a verticle this node deploys: {@code <verticle>.instances}, 0 meaning one per core. */
public final class Instances {
  private Instances() {}

  public static int of(JsonObject config, String verticle) {
    JsonObject section = config.getJsonObject(verticle);
    int configured = section == null ? 0 : section.getInteger("instances", 0);
    if (configured < 0) {
      throw new IllegalArgumentException(EnvOverrides.variableFor(verticle + ".instances") + " must be 0 (one per core) or more");
    }
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }
}
