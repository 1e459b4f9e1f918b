package dev.atelier.runtime.http;

import dev.atelier.codecs.Failure;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.UUID;

/**
 * A request as a route's handler sees it, once the edge has authenticated it, checked its role,
 * validated it against the contract and read its body into the route's record. Path and query
 * readers fail with INVALID naming the parameter.
 */
public final class ApiRequest {
  private final Caller caller;
  private final Map<String, String> pathParams;
  private final MultiMap query;
  private final MultiMap headers;
  private final Object body;

  public ApiRequest(Caller caller, Map<String, String> pathParams, MultiMap query, MultiMap headers, Object body) {
    this.caller = caller;
    this.pathParams = pathParams;
    this.query = query;
    this.headers = headers;
    this.body = body;
  }

  /** The authenticated caller; only routes that name roles have one. */
  public Caller caller() {
    if (caller == null) {
      throw new IllegalStateException("a public route has no caller");
    }
    return caller;
  }

  /** The caller of a public route, when it sent a valid token; else null. */
  public Caller callerOrNull() {
    return caller;
  }

  /** The body, read into the route's body type. */
  public <T> T body(Class<T> type) {
    if (body == null) {
      throw new IllegalStateException("this route takes no body");
    }
    return type.cast(body);
  }

  /** The body of a route whose body is optional, or null when the client sent none. */
  public <T> T optionalBody(Class<T> type) {
    return body == null ? null : type.cast(body);
  }

  public String header(String name) {
    return headers.get(name);
  }

  public String path(String name) {
    return pathParams.get(name);
  }

  public UUID pathUuid(String name) {
    return uuid(name, pathParams.get(name));
  }

  public String query(String name) {
    return query.get(name);
  }

  public UUID queryUuid(String name) {
    String v = query.get(name);
    return v == null ? null : uuid(name, v);
  }

  public int queryInt(String name, int defaultValue, int min, int max) {
    String v = query.get(name);
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

  /** A query parameter that may be absent, or must be {@code only} when present. */
  public boolean queryFlag(String name, String only) {
    String v = query.get(name);
    if (v == null || v.isBlank()) {
      return false;
    }
    if (!v.strip().equals(only)) {
      throw Failure.invalid(name, "the only value is '" + only + "'");
    }
    return true;
  }

  private static UUID uuid(String name, String value) {
    try {
      if (value == null || value.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw Failure.invalid(name, "must be a UUID");
    }
  }
}
