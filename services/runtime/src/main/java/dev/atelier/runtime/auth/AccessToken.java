package dev.atelier.runtime.auth;

import java.time.Instant;
import java.util.UUID;

/** A signed access token as issued: the compact JWT, its jti, and when it expires. toString hides the JWT. */
public record AccessToken(String value, UUID tokenId, Instant expiresAt) {
  @Override
  public String toString() {
    return "AccessToken[tokenId=" + tokenId + ", expiresAt=" + expiresAt + ", value=***]";
  }
}
