package dev.atelier.ops;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The {@code ops} section of config, and the confirm wait it borrows from the relay's. */
record OpsConfig(int poolSize, Duration confirmTimeout) {
  static OpsConfig from(JsonObject config) {
    JsonObject ops = config.getJsonObject("ops");
    return new OpsConfig(ops.getInteger("poolSize"),
        Duration.ofMillis(config.getJsonObject("messaging").getJsonObject("relay").getLong("confirmTimeoutMillis")));
  }
}
