package dev.atelier.gateway.edge;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * What one take from a bucket decided, in the units of the {@code RateLimit-*} headers: {@code limit}
 * is the burst, {@code remaining} the whole tokens left, {@code resetSeconds} the time until the
 * bucket is full again, {@code retryAfterSeconds} the wait for the next token (0 when allowed).
 */
public record RateDecision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
  // made once: header names as optimized CharSequences skip a lower-casing per response
  private static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
  private static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
  private static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");

  /** Allowed without asking Redis (it failed): the bucket is reported full, since nothing was counted. */
  public static RateDecision failOpen(RateLimit limit) {
    return new RateDecision(true, limit.burst(), limit.burst(), 0, 0);
  }

  /** Sets {@code RateLimit-Limit/-Remaining/-Reset}, and {@code Retry-After} when refused. */
  public void applyHeaders(HttpServerResponse response) {
    applyHeaders(response.headers());
  }

  public void applyHeaders(MultiMap headers) {
    headers.set(LIMIT, Integer.toString(limit))
        .set(REMAINING, Integer.toString(remaining))
        .set(RESET, Long.toString(resetSeconds));
    if (!allowed) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
  }
}
