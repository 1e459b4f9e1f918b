package dev.atelier.gateway.edge;

import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.json.JsonObject;

/**
 * The rate limits, read once from {@code rateLimit.*}: a bucket per signed-in user for each of
 * {@code read} and {@code write}; per IP for anonymous callers ({@code anonymous}) and for the
 * auth routes ({@code auth}); and per email for login attempts ({@code loginEmail}).
 */
public record RateLimits(boolean enabled, RateLimit read, RateLimit write, RateLimit anonymous,
                         RateLimit auth, RateLimit loginEmail) {
  public static RateLimits from(JsonObject root) {
    JsonObject c = root.getJsonObject("rateLimit");
    return new RateLimits(c.getBoolean("enabled"), limit(c, "read"), limit(c, "write"), limit(c, "anonymous"),
        limit(c, "auth"), limit(c, "loginEmail"));
  }

  /**
   * The limit for a route of {@code rateClass} ({@link ApiRoute#READ}, {@link ApiRoute#WRITE},
   * {@link ApiRoute#AUTH}). Auth routes are limited per IP whoever calls; other anonymous calls
   * share the anonymous limit.
   */
  public RateLimit forRoute(String rateClass, boolean signedIn) {
    return switch (rateClass) {
      case ApiRoute.AUTH -> auth;
      case ApiRoute.READ -> signedIn ? read : anonymous;
      case ApiRoute.WRITE -> signedIn ? write : anonymous;
      default -> throw new IllegalArgumentException("no rate limit is configured for rate class " + rateClass);
    };
  }

  private static RateLimit limit(JsonObject section, String name) {
    JsonObject c = section.getJsonObject(name);
    if (c == null) {
      throw new IllegalArgumentException("rateLimit." + name + " is missing");
    }
    try {
      return new RateLimit(c.getDouble("ratePerSecond"), c.getInteger("burst"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("rateLimit." + name + ": " + e.getMessage(), e);
    }
  }
}
