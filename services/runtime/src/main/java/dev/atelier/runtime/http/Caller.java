package dev.atelier.runtime.http;

import dev.atelier.codecs.users.Role;
import java.util.Objects;
import java.util.UUID;

/** Who is calling, from a verified access token. Never logged with the token. */
public record Caller(UUID userId, Role role) {
  public Caller {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
  }
}
