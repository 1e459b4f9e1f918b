package dev.atelier.codecs;

import java.util.Objects;

/**
 * A failure with a {@link FailureCode}, and for {@code INVALID} the field it is about. Thrown by
 * records' compact constructors and returned by handlers as a failed future; the Bus carries it
 * across the event bus and rebuilds it for the caller.
 */
public final class Failure extends RuntimeException {
  private final FailureCode code;
  private final String field;

  public Failure(FailureCode code, String field, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.field = field;
  }

  public static Failure invalid(String field, String message) {
    return new Failure(FailureCode.INVALID, field, message);
  }

  public static Failure notFound(String message) {
    return new Failure(FailureCode.NOT_FOUND, null, message);
  }

  public static Failure conflict(String message) {
    return new Failure(FailureCode.CONFLICT, null, message);
  }

  public static Failure unauthorized(String message) {
    return new Failure(FailureCode.UNAUTHORIZED, null, message);
  }

  public static Failure forbidden(String message) {
    return new Failure(FailureCode.FORBIDDEN, null, message);
  }

  public static Failure unavailable(String message) {
    return new Failure(FailureCode.UNAVAILABLE, null, message);
  }

  public static Failure timeout(String message) {
    return new Failure(FailureCode.TIMEOUT, null, message);
  }

  public static Failure internal(String message) {
    return new Failure(FailureCode.INTERNAL, null, message);
  }

  public FailureCode code() {
    return code;
  }

  /** The request field at fault (e.g. {@code variants[1].sku}), or null. */
  public String field() {
    return field;
  }

  /** The same failure about a field nested under {@code prefix}, e.g. "variants[1]" + "sku". */
  public Failure under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    String nested = field == null ? prefix : field.startsWith("[") ? prefix + field : prefix + "." + field;
    return new Failure(code, nested, getMessage());
  }

  @Override
  public String toString() {
    return code + (field == null ? "" : " " + field) + ": " + getMessage();
  }
}
