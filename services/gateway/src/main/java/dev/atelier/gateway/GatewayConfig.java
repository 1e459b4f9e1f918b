package dev.atelier.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/** The edge's settings, read once from config. */
public record GatewayConfig(String host, int port, long bodyLimitBytes, Duration slowRequest, int retryAfterSeconds,
                            Duration requestTimeout, int idleTimeoutSeconds, List<String> corsOrigins, boolean hsts) {
  public GatewayConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0-65535");
    }
    if (bodyLimitBytes < 1024) {
      throw new IllegalArgumentException("http.bodyLimitBytes must be at least 1024");
    }
    if (requestTimeout.toMillis() < 100) {
      throw new IllegalArgumentException("http.requestTimeoutMillis must be at least 100");
    }
    if (idleTimeoutSeconds < 1) {
      throw new IllegalArgumentException("http.idleTimeoutSeconds must be at least 1");
    }
    for (String origin : corsOrigins) {
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new IllegalArgumentException("http.corsOrigins: '" + origin + "' is not an origin like https://shop.example.com");
      }
    }
    corsOrigins = List.copyOf(corsOrigins);
  }

  public static GatewayConfig from(JsonObject root) {
    JsonObject http = root.getJsonObject("http");
    JsonArray origins = http.getJsonArray("corsOrigins");
    return new GatewayConfig(http.getString("host"), http.getInteger("port"), http.getLong("bodyLimitBytes"),
        Duration.ofMillis(http.getLong("slowRequestMillis")), http.getInteger("retryAfterSeconds"),
        Duration.ofMillis(http.getLong("requestTimeoutMillis")), http.getInteger("idleTimeoutSeconds"),
        origins.stream().map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty()).toList(),
        http.getBoolean("hsts"));
  }

  @Override
  public String toString() {
    return "GatewayConfig[host=" + host + ", port=" + port + ", bodyLimitBytes=" + bodyLimitBytes
        + ", slowRequest=" + slowRequest + ", retryAfterSeconds=" + retryAfterSeconds + ", requestTimeout="
        + requestTimeout + ", corsOrigins=" + corsOrigins + "]";
  }
}
