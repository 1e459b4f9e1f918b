package dev.atelier.gateway.auth;

import dev.atelier.codecs.platform.SessionsRevoked;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions that ended (logout, a replayed refresh token) while their access tokens may still be
 * unexpired: a token of one of them is refused even though its signature and claims are fine.
 * Each is kept for an access token's lifetime plus the clock skew, after which no token of it can
 * be valid anyway. Shared by the gateway instances of a node; fed by the {@code identity.sessions.revoked}
 * broadcast, and at start-up by asking for the recent ones.
 */
public final class RevokedSessions implements Shareable {
  private static final String MAP = "atelier.gateway.revokedSessions";
  private final Map<UUID, Long> until = new ConcurrentHashMap<>();
  private final long keepMillis;
  private final Clock clock;

  RevokedSessions(Duration keep, Clock clock) {
    this.keepMillis = keep.toMillis();
    this.clock = clock;
  }

  /** This node's set; {@code keep}: the longest an access token can still be valid. */
  public static RevokedSessions of(Vertx vertx, Duration keep) {
    return (RevokedSessions) vertx.sharedData().<String, RevokedSessions>getLocalMap(MAP)
        .computeIfAbsent("node", k -> new RevokedSessions(keep, Clock.systemUTC()));
  }

  public void add(SessionsRevoked revoked) {
    long expires = clock.millis() + keepMillis;
    revoked.sessionIds().forEach(id -> until.put(id, expires));
  }

  public boolean contains(UUID sessionId) {
    return sessionId != null && !until.isEmpty() && until.containsKey(sessionId);
  }

  /** Forgets sessions whose tokens have all expired. */
  public void dropExpired() {
    long now = clock.millis();
    until.values().removeIf(expires -> expires <= now);
  }

  int size() {
    return until.size();
  }
}
