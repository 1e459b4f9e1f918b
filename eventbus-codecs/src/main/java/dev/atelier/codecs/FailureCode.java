package dev.atelier.codecs;

/**
 * Why a request failed, as it travels between services. The gateway maps each code to one HTTP
 * status (Problems); {@code wire} is the number carried in the event bus ReplyException.
 */
public enum FailureCode {
  INVALID(422),
  NOT_FOUND(404),
  CONFLICT(409),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  RATE_LIMITED(429),
  UNAVAILABLE(503),
  TIMEOUT(504),
  /** A bug on the serving side; its details stay in that service's log. */
  INTERNAL(500);

  public final int wire;

  FailureCode(int wire) {
    this.wire = wire;
  }

  public static FailureCode fromWire(int wire) {
    for (FailureCode c : values()) {
      if (c.wire == wire) {
        return c;
      }
    }
    return null;
  }
}
