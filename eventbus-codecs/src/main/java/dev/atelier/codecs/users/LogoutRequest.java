package dev.atelier.codecs.users;

import dev.atelier.codecs.Checks;

/** The optional body of POST /api/auth/logout: a refresh token to revoke besides the caller's session. */
public record LogoutRequest(String refreshToken) {
  public LogoutRequest {
    refreshToken = refreshToken == null ? null : Checks.text("refreshToken", refreshToken, 512);
  }

  @Override
  public String toString() {
    return "LogoutRequest[refreshToken=" + (refreshToken == null ? "none" : "***") + "]";
  }
}
