package dev.atelier.gateway;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The edge's settings, read once from config. The JWT secret is never printed. */
public record GatewayConfig(String host, int port, long bodyLimitBytes, Duration slowRequest, int retryAfterSeconds,
                            String jwtSecret, String issuer, String audience) {
  public GatewayConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0-65535");
    }
    if (bodyLimitBytes < 1024) {
      throw new IllegalArgumentException("http.bodyLimitBytes must be at least 1024");
    }
    if (jwtSecret == null || jwtSecret.length() < 32) {
      throw new IllegalArgumentException("auth.devSecret must be at least 32 characters (the launcher makes one when unset)");
    }
  }

  public static GatewayConfig from(JsonObject root) {
    JsonObject http = root.getJsonObject("http");
    JsonObject auth = root.getJsonObject("auth");
    return new GatewayConfig(http.getString("host"), http.getInteger("port"), http.getLong("bodyLimitBytes"),
        Duration.ofMillis(http.getLong("slowRequestMillis")), http.getInteger("retryAfterSeconds"),
        auth.getString("devSecret"), auth.getString("issuer"), auth.getString("audience"));
  }

  @Override
  public String toString() {
    return "GatewayConfig[host=" + host + ", port=" + port + ", bodyLimitBytes=" + bodyLimitBytes
        + ", slowRequest=" + slowRequest + ", retryAfterSeconds=" + retryAfterSeconds + ", jwtSecret=***]";
  }
}
