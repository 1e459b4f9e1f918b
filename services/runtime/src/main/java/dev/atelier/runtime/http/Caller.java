package dev.atelier.runtime.http;

import dev.atelier.codecs.users.Role;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling, from a verified access token: the user, their role, and the session the token
 * belongs to ({@code sid}; logout ends it). Never logged with the token.
 */
public record Caller(UUID userId, Role role, UUID sessionId) {
  public Caller {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
  }

  /** A caller outside any session (tests, internal calls). */
  public Caller(UUID userId, Role role) {
    this(userId, role, null);
  }
}
