package dev.atelier.gateway.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import dev.atelier.codecs.users.Role;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;
import java.util.UUID;

/** Issues HS256 development access tokens, as {@code scripts/dev-token} prints and tests use. */
public final class DevTokens {
  private final JWTAuth jwt;
  private final String issuer;
  private final String audience;

  public DevTokens(JWTAuth jwt, String issuer, String audience) {
    this.jwt = jwt;
    this.issuer = issuer;
    this.audience = audience;
  }

  public String issue(UUID userId, Role role, Duration lifetime) {
    var claims = new JsonObject().put("role", role.claim()).put("jti", UUID.randomUUID().toString());
    return jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm("HS256")
        .setSubject(userId.toString())
        .setIssuer(issuer)
        .setAudience(java.util.List.of(audience))
        .setExpiresInSeconds((int) lifetime.toSeconds())
        .setHeader(new JsonObject().put("typ", "at+jwt")));
  }
}
