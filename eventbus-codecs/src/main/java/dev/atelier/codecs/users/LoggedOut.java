package dev.atelier.codecs.users;

import static dev.atelier.codecs.Checks.required;

import dev.atelier.codecs.Checks;
import java.util.UUID;

/** How many live sessions a logout revoked (0 when they already were). */
public record LoggedOut(UUID userId, int sessionsRevoked) {
  public LoggedOut {
    required("userId", userId);
    Checks.range("sessionsRevoked", sessionsRevoked, 0, 2);
  }
}
