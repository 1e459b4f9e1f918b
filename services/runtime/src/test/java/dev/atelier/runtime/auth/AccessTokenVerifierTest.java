package dev.atelier.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.auth.TokenRejected.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every forged token is built by hand (base64url JSON, signed with JCA), so no library helps the forger. */
class AccessTokenVerifierTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final UUID USER = UUID.fromString("3f1c8a4e-2b7d-4c1e-9f0a-5d6e7f8a9b0c");
  private static final UUID SESSION = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  @TempDir
  static Path dataDir;
  private static AuthConfig config;
  private static SigningKeys keys;
  private static AccessTokenVerifier verifier;
  private static AccessTokens tokens;

  @BeforeAll
  static void keys() {
    config = config(dataDir, "RS256");
    keys = SigningKeys.loadOrCreate(dataDir, JWSAlgorithm.RS256);
    verifier = new AccessTokenVerifier(config, keys, CLOCK);
    tokens = new AccessTokens(config, keys, CLOCK);
  }

  static AuthConfig config(Path dir, String alg) {
    return new AuthConfig("atelier", "atelier-api", JWSAlgorithm.parse(alg), Duration.ofMinutes(15),
        Duration.ofDays(30), Duration.ofSeconds(30), "", dir);
  }

  private static JsonObject header() {
    return new JsonObject().put("alg", "RS256").put("typ", "at+jwt").put("kid", keys.current().getKeyID());
  }

  private static JsonObject claims() {
    long now = NOW.getEpochSecond();
    return new JsonObject().put("iss", "atelier").put("aud", "atelier-api").put("sub", USER.toString())
        .put("role", "merchant").put("iat", now).put("nbf", now).put("exp", now + 900)
        .put("jti", UUID.randomUUID().toString()).put("sid", SESSION.toString());
  }

  private static String b64(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(JsonObject header, JsonObject claims, PrivateKey key, String jcaAlgorithm) throws Exception {
    String input = b64(header) + "." + b64(claims);
    Signature s = Signature.getInstance(jcaAlgorithm);
    s.initSign(key);
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64.encodeToString(s.sign());
  }

  /** Signed with our own current key: only the header or claims are wrong. */
  private static String ours(JsonObject header, JsonObject claims) throws Exception {
    return sign(header, claims, keys.current().toRSAKey().toPrivateKey(), "SHA256withRSA");
  }

  private static void refused(String token, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(TokenRejected.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          if (token != null && token.length() > 20) {
            assertThat(e.getMessage()).as("the reason never quotes the token").doesNotContain(token.substring(0, 20));
          }
        });
  }

  @Test
  @DisplayName("a token we issued verifies to its caller, session and expiry")
  void issuedTokenVerifies() {
    AccessToken t = tokens.issue(USER, Role.MERCHANT, SESSION);
    VerifiedToken v = verifier.verify(t.value());
    assertThat(v.caller().userId()).isEqualTo(USER);
    assertThat(v.caller().role()).isEqualTo(Role.MERCHANT);
    assertThat(v.sessionId()).isEqualTo(SESSION);
    assertThat(v.tokenId()).isEqualTo(t.tokenId().toString());
    assertThat(v.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    assertThat(t.toString()).doesNotContain(t.value());
  }

  @Test
  @DisplayName("a hand-built token with correct header, claims and signature verifies (the forgeries below differ in one thing)")
  void handBuiltBaseline() throws Exception {
    assertThat(verifier.verify(ours(header(), claims())).caller().role()).isEqualTo(Role.MERCHANT);
  }

  @Test
  @DisplayName("missing, blank and garbage tokens are refused")
  void garbage() {
    refused(null, Reason.MISSING);
    refused("  ", Reason.MISSING);
    refused("not-a-token", Reason.MALFORMED);
    refused("a.b", Reason.MALFORMED);
    refused("@@@.###.$$$", Reason.MALFORMED);
    refused(b64(new JsonObject().put("alg", "RS256")) + ".e30.", Reason.MALFORMED);
    refused("x".repeat(9_000), Reason.MALFORMED);
  }

  @Test
  @DisplayName("a refresh token (32 random bytes, base64url) is not an access token")
  void refreshTokenAsAccessToken() {
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    refused(B64.encodeToString(random), Reason.MALFORMED);
  }

  @Test
  @DisplayName("alg none is refused, with or without a signature part")
  void algNone() {
    String unsigned = b64(header().put("alg", "none")) + "." + b64(claims());
    refused(unsigned + ".", Reason.MALFORMED);
    refused(unsigned + "." + B64.encodeToString(new byte[] {1}), Reason.ALGORITHM);
    refused(b64(header().put("alg", "None")) + "." + b64(claims()) + ".c2ln", Reason.ALGORITHM);
    var noAlg = header();
    noAlg.remove("alg");
    refused(b64(noAlg) + "." + b64(claims()) + ".c2ln", Reason.ALGORITHM);
  }

  @Test
  @DisplayName("HS256 signed with the public key's bytes as the secret is refused (key confusion)")
  void hs256WithPublicKey() throws Exception {
    String input = b64(header().put("alg", "HS256")) + "." + b64(claims());
    for (byte[] secret : new byte[][] {
        keys.current().toRSAKey().toPublicKey().getEncoded(),
        keys.jwks().getBytes(StandardCharsets.UTF_8)}) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String token = input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
      refused(token, Reason.ALGORITHM);
    }
  }

  @Test
  @DisplayName("any algorithm other than the pinned one is refused, even correctly signed")
  void otherAlgorithms() throws Exception {
    PrivateKey ours = keys.current().toRSAKey().toPrivateKey();
    refused(sign(header().put("alg", "RS512"), claims(), ours, "SHA512withRSA"), Reason.ALGORITHM);
    refused(sign(header().put("alg", "RS384"), claims(), ours, "SHA384withRSA"), Reason.ALGORITHM);
    var ec = SigningKeys.fromPem(KeyPem.write(KeyPem.generate(true).getPrivate()), JWSAlgorithm.ES256);
    refused(sign(header().put("alg", "ES256"), claims(), ec.current().toECKey().toPrivateKey(), "SHA256withECDSAinP1363Format"),
        Reason.ALGORITHM);
  }

  @Test
  @DisplayName("typ must be at+jwt")
  void type() throws Exception {
    refused(ours(header().put("typ", "JWT"), claims()), Reason.TYPE);
    var noTyp = header();
    noTyp.remove("typ");
    refused(ours(noTyp, claims()), Reason.TYPE);
  }

  @Test
  @DisplayName("an unknown or missing kid, or a token signed by another key under our kid, is refused")
  void otherKey() throws Exception {
    refused(ours(header().put("kid", "not-ours"), claims()), Reason.UNKNOWN_KEY);
    var noKid = header();
    noKid.remove("kid");
    refused(ours(noKid, claims()), Reason.UNKNOWN_KEY);
    PrivateKey stranger = KeyPem.generate(false).getPrivate();
    refused(sign(header(), claims(), stranger, "SHA256withRSA"), Reason.SIGNATURE);
  }

  @Test
  @DisplayName("a changed payload breaks the signature")
  void tampered() throws Exception {
    String[] parts = ours(header(), claims()).split("\\.");
    String admin = b64(claims().put("role", "admin"));
    refused(parts[0] + "." + admin + "." + parts[2], Reason.SIGNATURE);
  }

  @Test
  @DisplayName("exp is required; expired beyond 30 s of skew is refused, within it accepted")
  void expiry() throws Exception {
    var noExp = claims();
    noExp.remove("exp");
    refused(ours(header(), noExp), Reason.MISSING_CLAIM);
    long now = NOW.getEpochSecond();
    refused(ours(header(), claims().put("exp", now - 31)), Reason.EXPIRED);
    refused(ours(header(), claims().put("exp", now - 30)), Reason.EXPIRED);
    assertThat(verifier.verify(ours(header(), claims().put("exp", now - 29)))).isNotNull();
    refused(ours(header(), claims().put("exp", "tomorrow")), Reason.MALFORMED);
  }

  @Test
  @DisplayName("nbf (or iat) in the future beyond the skew is refused")
  void notYetValid() throws Exception {
    long now = NOW.getEpochSecond();
    refused(ours(header(), claims().put("nbf", now + 31)), Reason.NOT_YET_VALID);
    refused(ours(header(), claims().put("iat", now + 600)), Reason.NOT_YET_VALID);
    assertThat(verifier.verify(ours(header(), claims().put("nbf", now + 25)))).isNotNull();
  }

  @Test
  @DisplayName("wrong or missing iss and aud are refused")
  void issuerAndAudience() throws Exception {
    refused(ours(header(), claims().put("iss", "evil")), Reason.ISSUER);
    var noIss = claims();
    noIss.remove("iss");
    refused(ours(header(), noIss), Reason.ISSUER);
    refused(ours(header(), claims().put("aud", "other-api")), Reason.AUDIENCE);
    refused(ours(header(), claims().put("aud", new JsonArray().add("a").add("b"))), Reason.AUDIENCE);
    assertThat(verifier.verify(ours(header(), claims().put("aud", new JsonArray().add("x").add("atelier-api"))))).isNotNull();
  }

  @Test
  @DisplayName("sub must be a UUID, role a known role, jti and sid present")
  void subjectRoleAndIds() throws Exception {
    refused(ours(header(), claims().put("sub", "admin")), Reason.SUBJECT);
    var noSub = claims();
    noSub.remove("sub");
    refused(ours(header(), noSub), Reason.SUBJECT);
    refused(ours(header(), claims().put("role", "root")), Reason.ROLE);
    refused(ours(header(), claims().put("role", "ADMIN")), Reason.ROLE);
    var noJti = claims();
    noJti.remove("jti");
    refused(ours(header(), noJti), Reason.MISSING_CLAIM);
    refused(ours(header(), claims().put("sid", "x")), Reason.MISSING_CLAIM);
  }

  @Test
  @DisplayName("after a rotation the new key signs and a token of the older key still verifies; a removed key's does not")
  void rotation(@TempDir Path dir) throws Exception {
    var before = SigningKeys.loadOrCreate(dir, JWSAlgorithm.ES256);
    String old = new AccessTokens(config(dir, "ES256"), before, CLOCK).issue(USER, Role.CUSTOMER, SESSION).value();

    String newKid = SigningKeys.rotate(dir, JWSAlgorithm.ES256);
    var after = SigningKeys.loadOrCreate(dir, JWSAlgorithm.ES256);
    assertThat(after.current().getKeyID()).isEqualTo(newKid).isNotEqualTo(before.current().getKeyID());
    assertThat(after.all()).hasSize(2);
    var v = new AccessTokenVerifier(config(dir, "ES256"), after, CLOCK);
    assertThat(v.verify(old).caller().role()).isEqualTo(Role.CUSTOMER);
    String fresh = new AccessTokens(config(dir, "ES256"), after, CLOCK).issue(USER, Role.CUSTOMER, SESSION).value();
    assertThat(v.verify(fresh).caller().userId()).isEqualTo(USER);

    try (var files = Files.list(SigningKeys.keyDir(dir))) {
      files.sorted().findFirst().ifPresent(p -> p.toFile().delete());
    }
    var retired = new AccessTokenVerifier(config(dir, "ES256"), SigningKeys.loadOrCreate(dir, JWSAlgorithm.ES256), CLOCK);
    assertThatThrownBy(() -> retired.verify(old)).isInstanceOfSatisfying(TokenRejected.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }
}
