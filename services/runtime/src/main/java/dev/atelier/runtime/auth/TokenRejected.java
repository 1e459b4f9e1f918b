package dev.atelier.runtime.auth;

/**
 * Why an access token was refused. The message names the reason and never quotes the token; the
 * edge answers every reason with the same 401, and may log the reason.
 */
public final class TokenRejected extends RuntimeException {
  /** One value per check, so a test can prove which check refused a forged token. */
  public enum Reason {
    MISSING, MALFORMED, ALGORITHM, TYPE, UNKNOWN_KEY, SIGNATURE, EXPIRED, NOT_YET_VALID,
    ISSUER, AUDIENCE, MISSING_CLAIM, SUBJECT, ROLE,
    /** Valid in itself, but its session was ended (logout, a replayed refresh token). */
    REVOKED
  }

  private final Reason reason;

  public TokenRejected(Reason reason, String message) {
    super(reason + ": " + message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
