package dev.atelier.codecs;

/**
 * Why a request failed, as it travels between services. The gateway maps each code to one HTTP
 * status (Problems); {@code wire} is the number carried in the event bus ReplyException, deliberately
 * not an HTTP status: HTTP is the gateway's business alone.
 */
public enum FailureCode {
  INVALID(1),
  NOT_FOUND(2),
  CONFLICT(3),
  UNAUTHORIZED(4),
  FORBIDDEN(5),
  RATE_LIMITED(6),
  UNAVAILABLE(7),
  TIMEOUT(8),
  /** A bug on the serving side; its details stay in that service's log. */
  INTERNAL(9);

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
