package dev.atelier.runtime.testing;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.auth.AccessTokens;
import dev.atelier.runtime.auth.AuthConfig;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Access tokens for tests, signed with the key set of {@code config} (its data dir), exactly as the
 * users service signs them. Make it before deploying, so the key exists before any verticle reads it.
 */
public final class TestTokens {
  private final AccessTokens tokens;

  public TestTokens(JsonObject config) {
    this.tokens = AccessTokens.of(AuthConfig.from(config));
  }

  public String issue(UUID userId, Role role) {
    return tokens.issue(userId, role, UUID.randomUUID()).value();
  }
}
