package dev.atelier.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atelier.codecs.users.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * Issues access JWTs (RFC 9068 shape): header {@code alg} (pinned), {@code typ: at+jwt}, {@code kid};
 * claims iss, aud, sub, role, iat, nbf, exp, jti and {@code sid}, the session a logout revokes.
 * Signing costs 1 to 1.5 ms (figures in AccessTokenVerifier), too long for an event loop: callers
 * sign on a worker.
 */
public final class AccessTokens {
  public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
  private final AuthConfig config;
  private final JWSHeader header;
  private final JWSSigner signer;
  private final Clock clock;

  public AccessTokens(AuthConfig config, SigningKeys keys, Clock clock) {
    this.config = config;
    this.clock = clock;
    JWK key = keys.current();
    this.header = new JWSHeader.Builder(keys.algorithm()).type(TYPE).keyID(key.getKeyID()).build();
    try {
      this.signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
    }
  }

  public static AccessTokens of(AuthConfig config) {
    return new AccessTokens(config, SigningKeys.resolve(config), Clock.systemUTC());
  }

  /** A token of the configured lifetime ({@code auth.accessTokenMinutes}). */
  public AccessToken issue(UUID userId, Role role, UUID sessionId) {
    return issue(userId, role, sessionId, config.accessTokenLifetime());
  }

  public AccessToken issue(UUID userId, Role role, UUID sessionId, Duration lifetime) {
    // JWT times are whole seconds: truncate, so exp - iat is exactly the lifetime
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant exp = now.plus(lifetime);
    UUID jti = UUID.randomUUID();
    var claims = new JWTClaimsSet.Builder()
        .issuer(config.issuer())
        .audience(config.audience())
        .subject(userId.toString())
        .claim("role", role.claim())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(exp))
        .jwtID(jti.toString())
        .claim("sid", sessionId.toString())
        .build();
    var jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return new AccessToken(jwt.serialize(), jti, exp);
  }

  /** Seconds an access token lives: the {@code expiresIn} of a login reply. */
  public long lifetimeSeconds() {
    return config.accessTokenLifetime().toSeconds();
  }
}
