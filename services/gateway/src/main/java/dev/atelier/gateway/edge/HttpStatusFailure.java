package dev.atelier.gateway.edge;

/** A failure that belongs to HTTP itself (400 malformed JSON, 413, 415), not to any service. */
public final class HttpStatusFailure extends RuntimeException {
  private final int status;

  public HttpStatusFailure(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
