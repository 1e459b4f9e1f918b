package dev.atelier.gateway.edge;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * What the contract validator reads from a request: path parameters as the router decoded them,
 * query parameters, headers and the body (null when no BodyHandler ran).
 */
public record RequestParts(Map<String, String> pathParams, MultiMap query, MultiMap headers, Buffer body) {
  public static RequestParts of(RoutingContext ctx) {
    return new RequestParts(ctx.pathParams(), ctx.queryParams(), ctx.request().headers(),
        ctx.body() == null ? null : ctx.body().buffer());
  }

  public String contentType() {
    String value = headers.get("Content-Type");
    return value == null ? "" : value.split(";", 2)[0].strip().toLowerCase();
  }
}
