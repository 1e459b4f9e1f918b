package dev.atelier.runtime.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code auth} section: who issues access tokens and for whom, how they are signed, how long
 * tokens live. {@code signingKeyPem} is a secret: toString never shows it.
 */
public record AuthConfig(String issuer, String audience, JWSAlgorithm algorithm, Duration accessTokenLifetime,
                         Duration refreshTokenLifetime, Duration clockSkew, String signingKeyPem, Path dataDir) {
  private static final Duration MAX_SKEW = Duration.ofSeconds(30);

  public AuthConfig {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("auth.issuer must not be blank");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("auth.audience must not be blank");
    }
    if (!JWSAlgorithm.ES256.equals(algorithm) && !JWSAlgorithm.RS256.equals(algorithm)) {
      throw new IllegalArgumentException("auth.algorithm must be ES256 or RS256");
    }
    if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
      throw new IllegalArgumentException("auth.accessTokenMinutes must be positive");
    }
    if (refreshTokenLifetime.isNegative() || refreshTokenLifetime.isZero()) {
      throw new IllegalArgumentException("auth.refreshTokenDays must be positive");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
      throw new IllegalArgumentException("auth.clockSkewSeconds must be between 0 and " + MAX_SKEW.toSeconds());
    }
    signingKeyPem = signingKeyPem == null ? "" : signingKeyPem.strip();
  }

  public static AuthConfig from(JsonObject root) {
    JsonObject auth = root.getJsonObject("auth");
    return new AuthConfig(auth.getString("issuer"), auth.getString("audience"),
        JWSAlgorithm.parse(auth.getString("algorithm")),
        Duration.ofMinutes(auth.getLong("accessTokenMinutes")),
        Duration.ofDays(auth.getLong("refreshTokenDays")),
        Duration.ofSeconds(auth.getLong("clockSkewSeconds")),
        auth.getString("signingKeyPem"),
        Path.of(root.getString("dataDir")).toAbsolutePath().normalize());
  }

  /** Whether the key comes from config ({@code ATELIER_AUTH_SIGNING_KEY_PEM}) rather than the data dir. */
  public boolean keyFromConfig() {
    return !signingKeyPem.isEmpty();
  }

  @Override
  public String toString() {
    return "AuthConfig[issuer=" + issuer + ", audience=" + audience + ", algorithm=" + algorithm
        + ", accessTokenLifetime=" + accessTokenLifetime + ", refreshTokenLifetime=" + refreshTokenLifetime
        + ", clockSkew=" + clockSkew + ", signingKeyPem=" + (keyFromConfig() ? "***" : "") + ", dataDir=" + dataDir + "]";
  }
}
