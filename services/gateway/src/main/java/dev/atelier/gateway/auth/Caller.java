package dev.atelier.gateway.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Who is calling, from a verified access token. Never logged with the token. */
public record Caller(UUID userId, Role role) {
  private static final String KEY = "atelier.caller";

  public void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  public static Caller of(RoutingContext ctx) {
    Caller c = ctx.get(KEY);
    if (c == null) {
      throw new IllegalStateException("route has no BearerAuth in front of it");
    }
    return c;
  }
}
