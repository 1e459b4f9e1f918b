package dev.atelier.codecs.platform;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Broadcast;

/**
 * What the edge needs from whoever manages sessions, without naming that service: a broadcast when
 * sessions end, and the list of recent ones for a gateway that was not listening.
 */
public final class Identity {
  private Identity() {}

  public static final Broadcast<SessionsRevoked> SESSIONS_REVOKED =
      Broadcast.of("identity.sessions.revoked", SessionsRevoked.class);

  /** UNAVAILABLE, TIMEOUT. */
  public static final Address<ListRevokedSessions, SessionsRevoked> LIST_REVOKED_SESSIONS =
      Address.of("identity.sessions.listRevoked", ListRevokedSessions.class, SessionsRevoked.class);
}
