package dev.atelier.codecs.users;

import static dev.atelier.codecs.Checks.required;

import dev.atelier.codecs.Checks;
import java.util.UUID;

/**
 * Revokes the session of the caller's access token ({@code sid}) and, when given, the session of a
 * refresh token, if it is the caller's.
 */
public record Logout(UUID userId, UUID sessionId, String refreshToken) {
  public Logout {
    required("userId", userId);
    required("sessionId", sessionId);
    refreshToken = refreshToken == null ? null : Checks.text("refreshToken", refreshToken, 512);
  }

  @Override
  public String toString() {
    return "Logout[userId=" + userId + ", sessionId=" + sessionId + ", refreshToken=" + (refreshToken == null ? "none" : "***") + "]";
  }
}
