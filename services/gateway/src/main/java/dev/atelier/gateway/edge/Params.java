package dev.atelier.gateway.edge;

import dev.atelier.codecs.Failure;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Path and query parameters, each failing with INVALID naming the parameter. */
public final class Params {
  private Params() {}

  public static UUID pathUuid(RoutingContext ctx, String name) {
    return uuid(name, ctx.pathParam(name));
  }

  public static UUID queryUuid(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    return v == null ? null : uuid(name, v);
  }

  public static int queryInt(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String v = ctx.queryParams().get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw Failure.invalid(name, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw Failure.invalid(name, "must be a whole number between " + min + " and " + max);
    }
  }

  public static String query(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }

  private static UUID uuid(String name, String value) {
    try {
      if (value.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw Failure.invalid(name, "must be a UUID");
    }
  }
}
