package dev.atelier.gateway.edge;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every answer: a JSON API never wants to be sniffed, framed, referred or
 * scripted. HSTS only when configured, since it binds browsers to HTTPS for this host for a year.
 */
public final class EdgeHeaders implements Handler<RoutingContext> {
  private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();

  public EdgeHeaders(boolean hsts) {
    headers.add("X-Content-Type-Options", "nosniff");
    headers.add("X-Frame-Options", "DENY");
    headers.add("Referrer-Policy", "no-referrer");
    headers.add("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    headers.add("Cross-Origin-Resource-Policy", "same-site");
    if (hsts) {
      headers.add("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().headers().addAll(headers);
    ctx.next();
  }
}
