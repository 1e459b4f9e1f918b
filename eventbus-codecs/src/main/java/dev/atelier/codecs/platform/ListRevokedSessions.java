package dev.atelier.codecs.platform;

import java.time.Instant;
import java.util.Objects;

/** Asks for the sessions revoked since {@code since}: what a gateway that just started may have missed. */
public record ListRevokedSessions(Instant since) {
  public ListRevokedSessions {
    Objects.requireNonNull(since, "since");
  }
}
