package dev.atelier.codecs.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Sessions ended (logout, a replayed refresh token): their access tokens must stop working too. */
public record SessionsRevoked(List<UUID> sessionIds, Instant asOf) {
  public SessionsRevoked {
    sessionIds = List.copyOf(sessionIds);
    Objects.requireNonNull(asOf, "asOf");
  }
}
