package dev.atelier.gateway.edge;

import dev.atelier.codecs.Failure;
import java.util.UUID;

/** What {@link IdempotencyKeys#begin} found for a key. */
public sealed interface Claim {
  Claim IN_FLIGHT = new InFlight();
  Claim MISMATCH = new Mismatch();

  /**
   * The key is this request's now: run it, then {@code complete} (any answer worth repeating,
   * 4xx included) or {@code release} (a failure a retry should repeat: 5xx, timeout).
   * {@code token} tells this claim from a later one that took over after the lease.
   */
  record Proceed(UUID userId, String key, UUID token) implements Claim {}

  /** The key was used for this same request, which answered: send {@code response} again. */
  record Replay(StoredResponse response) implements Claim {}

  /** The first request with this key and body is still running (409). */
  record InFlight() implements Claim {
    public Failure failure() {
      return Failure.conflict("a request with this Idempotency-Key is still in progress; retry later");
    }
  }

  /** The key was used with another method, path or body (422). */
  record Mismatch() implements Claim {
    public Failure failure() {
      return Failure.invalid(IdempotencyKeys.HEADER, "was already used for a different request");
    }
  }
}
