package dev.atelier.launcher;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.auth.AccessTokens;
import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.auth.SigningKeys;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Hand-made access JWTs for attack tests. {@link #valid} builds a token the way the users service
 * does (same claims, the node's own key), and every other method changes exactly one thing about
 * it, so when the gateway refuses one, that one thing is why.
 */
final class ForgedTokens {
  private final JWK nodeKey;
  private final JWSAlgorithm algorithm;
  private final String issuer;
  private final String audience;
  private final JWK strangerKey;

  ForgedTokens(JsonObject config) {
    AuthConfig auth = AuthConfig.from(config);
    SigningKeys keys = SigningKeys.resolve(auth);
    this.nodeKey = keys.current();
    this.algorithm = keys.algorithm();
    this.issuer = auth.issuer();
    this.audience = auth.audience();
    try {
      // a key pair of the right type that the node has never seen
      this.strangerKey = nodeKey instanceof ECKey
          ? new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate()
          : new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a fresh token for this user: iss, aud, sub, role, iat, nbf, exp (+15 min), jti, sid. */
  JWTClaimsSet.Builder claims(UUID user, Role role) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(user.toString())
        .claim("role", role.claim())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
        .jwtID(UUID.randomUUID().toString())
        .claim("sid", UUID.randomUUID().toString());
  }

  /** The header the node writes: the pinned alg, typ at+jwt, the node key's kid. */
  JWSHeader.Builder header() {
    return new JWSHeader.Builder(algorithm).type(AccessTokens.TYPE).keyID(nodeKey.getKeyID());
  }

  /** Nothing wrong with it: signed by the node's key with the claims it issues. The control for every forgery. */
  String valid(UUID user, Role role) {
    return sign(header().build(), claims(user, role).build(), nodeKey);
  }

  /** {@code alg: none}, no signature ({@code header.payload.}). */
  String algNone(UUID user, Role role) {
    return new PlainJWT(new PlainHeader.Builder().type(AccessTokens.TYPE).build(), claims(user, role).build()).serialize();
  }

  /** The classic key confusion: HS256 with the node's public key (as published) as the HMAC secret, the node's kid. */
  String hs256With(byte[] secret, UUID user, Role role) {
    var h = new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.TYPE).keyID(nodeKey.getKeyID()).build();
    try {
      var jwt = new SignedJWT(h, claims(user, role).build());
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signed by a key pair the node never saw; {@code claimNodeKid}: the header names the node's kid, else the stranger's. */
  String signedByStranger(UUID user, Role role, boolean claimNodeKid) {
    String kid = claimNodeKid ? nodeKey.getKeyID() : strangerKey.getKeyID();
    return sign(header().keyID(kid).build(), claims(user, role).build(), strangerKey);
  }

  /** Signed by the node's key, with its claims changed by {@code change}. */
  String withClaims(UUID user, Role role, UnaryOperator<JWTClaimsSet.Builder> change) {
    return sign(header().build(), change.apply(claims(user, role)).build(), nodeKey);
  }

  /** Signed by the node's key, with {@code typ} set to {@code type}. */
  String withType(UUID user, Role role, JOSEObjectType type) {
    return sign(header().type(type).build(), claims(user, role).build(), nodeKey);
  }

  /** A genuine token whose payload is edited (the role claim replaced) while its header and signature are kept. */
  static String withPayloadEdited(String genuine, Role newRole) {
    String[] parts = genuine.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8));
    payload.put("role", newRole.claim());
    return parts[0] + "." + Base64URL.encode(payload.encode()) + "." + parts[2];
  }

  /** The payload of a token, decoded. */
  static JsonObject payloadOf(String jwt) {
    return new JsonObject(new String(Base64URL.from(jwt.split("\\.")[1]).decode(), StandardCharsets.UTF_8));
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
    try {
      JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key.toRSAKey());
      var jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
