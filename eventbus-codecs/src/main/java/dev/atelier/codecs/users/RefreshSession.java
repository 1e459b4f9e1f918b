package dev.atelier.codecs.users;

import dev.atelier.codecs.Checks;

/** POST /api/auth/refresh, and the bus request that rotates a refresh token. */
public record RefreshSession(String refreshToken) {
  public RefreshSession {
    refreshToken = Checks.text("refreshToken", refreshToken, 512);
  }

  @Override
  public String toString() {
    return "RefreshSession[refreshToken=***]";
  }
}
