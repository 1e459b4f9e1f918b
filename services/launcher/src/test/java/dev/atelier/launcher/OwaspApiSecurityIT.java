package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OWASP API Security Top 10 (2023), as attacks on the whole platform over real HTTP (every
 * module on one Vert.x with the gateway, real PostgreSQL and Redis). Each test is an attack that
 * must fail, with the exact refusal API.md promises, and where it can, a control showing the same
 * request succeeds without the one thing that makes it an attack, so the assertion would fail if
 * the defence were taken away.
 *
 * <p>Not covered, as nothing here applies yet: API6 (sensitive business flows: orders, gift cards),
 * API7 (SSRF: no route fetches a caller-given URL), API9 (inventory: the gateway already refuses to
 * start when its routes and the OpenAPI document disagree), API10 (unsafe consumption of third-party
 * APIs). There are no admin routes yet, so function-level checks on them wait for those routes.
 *
 * <p>Access tokens are checked without a database, but a session that ends (logout, a replayed
 * refresh token) is broadcast to every gateway, which then refuses that session's access tokens too.
 */
@DisplayName("OWASP API Security Top 10 (2023): attacks through the gateway that must fail")
class OwaspApiSecurityIT {
  private static final String PASSWORD = "correct horse battery";
  private static final String LAMP = "{\"name\":\"Lamp\",\"priceCents\":4900,\"currency\":\"EUR\"}";
  private static TestDatabase db;
  private static JsonObject config;
  private static Platform platform;
  private static ForgedTokens forge;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    config = TestServers.config(db);
    // every test registers and logs in from 127.0.0.1: the per-IP auth bucket is not what is tested here
    // (the per-email login bucket is, at its default); other limits stay at their defaults
    config.getJsonObject("rateLimit").put("auth", new JsonObject().put("ratePerSecond", 1000.0).put("burst", 10_000));
    // the rules under test do not depend on the Argon2 cost; a small one keeps the suite quick
    config.getJsonObject("users").put("argon2", new JsonObject().put("memoryKib", 4096).put("iterations", 1).put("parallelism", 1));
    platform = new Platform(config);
    forge = new ForgedTokens(config);
  }

  @AfterAll
  static void stop() {
    platform.close();
    db.close();
  }

  // ---------------------------------------------------------------- helpers shared by the groups

  private static String email(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@owasp.test";
  }

  private static String registration(String email, String role) {
    return new JsonObject().put("email", email).put("password", PASSWORD).put("name", "Test " + role).put("role", role).encode();
  }

  /** Registers over HTTP and answers the 201 body. */
  private static JsonObject register(String email, Role role) {
    var r = platform.json("POST", "/api/auth/register", null, registration(email, role.claim()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Platform.body(r);
  }

  private static HttpResponse<String> login(String email, String password) {
    return platform.json("POST", "/api/auth/login", null,
        new JsonObject().put("email", email).put("password", password).encode());
  }

  /** A registered account, signed in: its user view and its token pair. */
  private record Account(JsonObject user, JsonObject tokens) {
    UUID id() {
      return UUID.fromString(user.getString("id"));
    }

    String access() {
      return tokens.getString("accessToken");
    }

    String refresh() {
      return tokens.getString("refreshToken");
    }
  }

  private static Account signUp(String who, Role role) {
    String email = email(who);
    JsonObject user = register(email, role);
    var r = login(email, PASSWORD);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new Account(user, Platform.body(r));
  }

  private static HttpResponse<String> refresh(String refreshToken) {
    return platform.json("POST", "/api/auth/refresh", null, new JsonObject().put("refreshToken", refreshToken).encode());
  }

  private static JsonObject createProduct(String merchantToken) {
    var r = platform.json("POST", "/api/products", merchantToken, LAMP);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Platform.body(r);
  }

  /** A product read with a token: public route, but signed in, so the per-user bucket pays, not 127.0.0.1's. */
  private static HttpResponse<String> read(String id, String token) {
    return platform.json("GET", "/api/products/" + id, token, null);
  }

  /** A request with this exact Authorization header (or none when null). */
  private static HttpResponse<String> withAuthorization(String method, String path, String authorization, String body) {
    var b = platform.request(path).header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return platform.send(b.build());
  }

  private static void assertUnauthorized(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Platform.body(r).getString("type")).isEqualTo("https://atelier.dev/problems/unauthorized");
  }

  /** The first field a 422 names. */
  private static String invalidField(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    return Platform.body(r).getJsonArray("errors").getJsonObject(0).getString("field");
  }

  // ---------------------------------------------------------------- API1

  @Nested
  @DisplayName("API1:2023 Broken Object Level Authorization")
  class ObjectLevelAuthorization {
    @Test
    @DisplayName("merchant B PATCHes and DELETEs merchant A's product: 404 both times, and the product is unchanged")
    void foreignProductIsNotFound() {
      String a = platform.token(UUID.randomUUID(), Role.MERCHANT);
      String b = platform.token(UUID.randomUUID(), Role.MERCHANT);
      JsonObject product = createProduct(a);
      String id = product.getString("id");

      var patch = platform.json("PATCH", "/api/products/" + id, b, "{\"priceCents\":1,\"name\":\"pwned\"}");
      var delete = platform.json("DELETE", "/api/products/" + id, b, null);
      assertThat(patch.statusCode()).as("not 403: a 403 would confirm the id").isEqualTo(404);
      assertThat(delete.statusCode()).isEqualTo(404);

      var after = read(id, a);
      assertThat(after.statusCode()).isEqualTo(200);
      JsonObject stored = Platform.body(after);
      assertThat(stored.getString("name")).isEqualTo("Lamp");
      assertThat(stored.getLong("priceCents")).isEqualTo(4900L);
      assertThat(stored.getLong("version")).isEqualTo(product.getLong("version"));
      assertThat(stored.getString("merchantId")).isEqualTo(product.getString("merchantId"));

      // control: the owner's same PATCH goes through, so the 404 above was about who asked
      var own = platform.json("PATCH", "/api/products/" + id, a, "{\"priceCents\":3900}");
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(Platform.body(read(id, a)).getLong("priceCents")).isEqualTo(3900L);
    }

    @Test
    @DisplayName("B cannot tell A's product from an id that never existed: same status, type, title and detail shape")
    void noExistenceOracle() {
      String a = platform.token(UUID.randomUUID(), Role.MERCHANT);
      String b = platform.token(UUID.randomUUID(), Role.MERCHANT);
      String real = createProduct(a).getString("id");
      String ghost = UUID.randomUUID().toString();
      for (String method : List.of("PATCH", "DELETE")) {
        String body = method.equals("PATCH") ? "{\"stock\":0}" : null;
        var foreign = platform.json(method, "/api/products/" + real, b, body);
        var missing = platform.json(method, "/api/products/" + ghost, b, body);
        assertThat(foreign.statusCode()).as(method).isEqualTo(404);
        assertThat(missing.statusCode()).as(method).isEqualTo(404);
        JsonObject f = Platform.body(foreign);
        JsonObject m = Platform.body(missing);
        assertThat(f.getString("type")).isEqualTo(m.getString("type")).isEqualTo("https://atelier.dev/problems/not-found");
        assertThat(f.getString("title")).isEqualTo(m.getString("title"));
        assertThat(f.getString("detail").replace(real, "{id}")).as(method).isEqualTo(m.getString("detail").replace(ghost, "{id}"));
        assertThat(f.fieldNames()).isEqualTo(m.fieldNames());
        assertThat(foreign.headers().firstValue("Content-Type")).isEqualTo(missing.headers().firstValue("Content-Type"));
      }
      assertThat(read(real, a).statusCode()).as("B's DELETE left it alone").isEqualTo(200);
    }

    @Test
    @DisplayName("GET /api/users/me answers each caller with their own account, never the other's")
    void meIsTheCaller() {
      Account alice = signUp("alice", Role.CUSTOMER);
      Account bob = signUp("bob", Role.MERCHANT);
      var aliceMe = platform.json("GET", "/api/users/me", alice.access(), null);
      var bobMe = platform.json("GET", "/api/users/me", bob.access(), null);
      assertThat(aliceMe.statusCode()).isEqualTo(200);
      assertThat(bobMe.statusCode()).isEqualTo(200);
      assertThat(Platform.body(aliceMe).getString("id")).isEqualTo(alice.user().getString("id"));
      assertThat(Platform.body(aliceMe).getString("email")).isEqualTo(alice.user().getString("email"));
      assertThat(Platform.body(bobMe).getString("id")).isEqualTo(bob.user().getString("id"));
      assertThat(Platform.body(bobMe).getString("email")).isEqualTo(bob.user().getString("email"));
      assertThat(aliceMe.body()).doesNotContain(bob.user().getString("id"), bob.user().getString("email"));
      assertThat(bobMe.body()).doesNotContain(alice.user().getString("id"), alice.user().getString("email"));
    }

    @Test
    @DisplayName("Alice's logout naming Bob's refresh token revokes Alice's session only; Bob's token still refreshes")
    void logoutCannotEndSomeoneElsesSession() {
      Account alice = signUp("alice", Role.CUSTOMER);
      Account bob = signUp("bob", Role.CUSTOMER);
      var out = platform.json("POST", "/api/auth/logout", alice.access(),
          new JsonObject().put("refreshToken", bob.refresh()).encode());
      assertThat(out.statusCode()).isEqualTo(204);
      assertUnauthorized(refresh(alice.refresh()));
      assertThat(refresh(bob.refresh()).statusCode()).as("a stranger's token is not Alice's to revoke").isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------- API2

  @Nested
  @DisplayName("API2:2023 Broken Authentication")
  class BrokenAuthentication {
    private Account merchant;

    /** A merchant who exists, so a token for them that the gateway accepted would answer 200 on /me and 201 on POST. */
    private Account merchant() {
      if (merchant == null) {
        merchant = signUp("merchant", Role.MERCHANT);
      }
      return merchant;
    }

    /** Both protected routes refuse this Authorization header with 401 and WWW-Authenticate: Bearer. */
    private void assertRefusedEverywhere(String authorization) {
      assertUnauthorized(withAuthorization("GET", "/api/users/me", authorization, null));
      assertUnauthorized(withAuthorization("POST", "/api/products", authorization, LAMP));
    }

    private void assertRefusedToken(String token) {
      assertRefusedEverywhere("Bearer " + token);
    }

    @Test
    @DisplayName("control: a hand-made token with nothing wrong is accepted (200 on /me, 201 on POST), so each refusal below is the forgery's")
    void controlForgedButCorrectTokenIsAccepted() {
      String token = forge.valid(merchant().id(), Role.MERCHANT);
      var me = withAuthorization("GET", "/api/users/me", "Bearer " + token, null);
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(Platform.body(me).getString("id")).isEqualTo(merchant().id().toString());
      assertThat(withAuthorization("POST", "/api/products", "Bearer " + token, LAMP).statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("no Authorization header: 401 with WWW-Authenticate: Bearer")
    void noToken() {
      assertRefusedEverywhere(null);
    }

    @Test
    @DisplayName("Authorization: Basic with the right email and password: 401 (only Bearer is a credential here)")
    void basicScheme() {
      String basic = Base64.getEncoder().encodeToString((merchant().user().getString("email") + ":" + PASSWORD)
          .getBytes(StandardCharsets.UTF_8));
      assertRefusedEverywhere("Basic " + basic);
    }

    @Test
    @DisplayName("'Bearer' with no token, and a valid token with no scheme: 401")
    void bearerWithNothing() {
      assertRefusedEverywhere("Bearer");
      assertRefusedEverywhere(forge.valid(merchant().id(), Role.MERCHANT));
    }

    @Test
    @DisplayName("garbage after Bearer (not a JWT, three empty-ish parts, bad base64): 401")
    void garbage() {
      assertRefusedToken("not-a-jwt");
      assertRefusedToken("a.b.c");
      assertRefusedToken("!!!.???.***");
    }

    @Test
    @DisplayName("alg none (header.payload. with no signature): 401")
    void algNone() {
      String token = forge.algNone(merchant().id(), Role.MERCHANT);
      assertThat(token).endsWith(".");
      assertRefusedToken(token);
    }

    @Test
    @DisplayName("HS256 signed with the node's public key from /.well-known/jwks.json as the HMAC secret (DER and PEM): 401")
    void hs256WithThePublicKey() throws Exception {
      var jwks = platform.json("GET", "/.well-known/jwks.json", platform.token(UUID.randomUUID(), Role.CUSTOMER), null);
      assertThat(jwks.statusCode()).isEqualTo(200);
      RSAKey published = (RSAKey) JWKSet.parse(jwks.body()).getKeys().get(0);
      assertThat(published.isPrivate()).as("the JWKS carries public keys only").isFalse();
      byte[] der = published.toRSAPublicKey().getEncoded();
      String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
      assertRefusedToken(forge.hs256With(der, merchant().id(), Role.MERCHANT));
      assertRefusedToken(forge.hs256With(pem.getBytes(StandardCharsets.US_ASCII), merchant().id(), Role.MERCHANT));
    }

    @Test
    @DisplayName("RS256 signed by another key pair, naming the node's kid or its own: 401")
    void anotherKeyPair() {
      assertRefusedToken(forge.signedByStranger(merchant().id(), Role.MERCHANT, true));
      assertRefusedToken(forge.signedByStranger(merchant().id(), Role.MERCHANT, false));
    }

    @Test
    @DisplayName("a genuine token with its payload edited (customer -> merchant), signature kept: 401")
    void editedPayload() {
      Account customer = signUp("customer", Role.CUSTOMER);
      String edited = ForgedTokens.withPayloadEdited(customer.access(), Role.MERCHANT);
      assertThat(ForgedTokens.payloadOf(edited).getString("role")).isEqualTo("merchant");
      assertRefusedToken(edited);
      // control: the unedited token is fine on /me
      assertThat(platform.json("GET", "/api/users/me", customer.access(), null).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("signed by the node's key but without exp: 401 (exp is required, a token never lives forever)")
    void noExp() {
      assertRefusedToken(forge.withClaims(merchant().id(), Role.MERCHANT, c -> c.expirationTime(null)));
    }

    @Test
    @DisplayName("expired 5 minutes ago (well past the 30 s clock skew): 401")
    void expired() {
      Instant past = Instant.now().minus(Duration.ofMinutes(20));
      assertRefusedToken(forge.withClaims(merchant().id(), Role.MERCHANT, c -> c.issueTime(Date.from(past))
          .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(15))))));
    }

    @Test
    @DisplayName("nbf 5 minutes in the future: 401")
    void notYetValid() {
      Instant later = Instant.now().plus(Duration.ofMinutes(5));
      assertRefusedToken(forge.withClaims(merchant().id(), Role.MERCHANT, c -> c.notBeforeTime(Date.from(later))));
    }

    @Test
    @DisplayName("wrong iss: 401")
    void wrongIssuer() {
      assertRefusedToken(forge.withClaims(merchant().id(), Role.MERCHANT, c -> c.issuer("evil")));
    }

    @Test
    @DisplayName("wrong aud, and no aud: 401")
    void wrongAudience() {
      assertRefusedToken(forge.withClaims(merchant().id(), Role.MERCHANT, c -> c.audience("another-api")));
      assertRefusedToken(forge.withClaims(merchant().id(), Role.MERCHANT, c -> c.audience((String) null)));
    }

    @Test
    @DisplayName("wrong typ (JWT instead of at+jwt, e.g. an ID token), and no typ: 401")
    void wrongType() {
      assertRefusedToken(forge.withType(merchant().id(), Role.MERCHANT, JOSEObjectType.JWT));
      assertRefusedToken(forge.withType(merchant().id(), Role.MERCHANT, null));
    }

    @Test
    @DisplayName("a valid login's refresh token presented as the access token: 401")
    void refreshTokenAsAccessToken() {
      Account m = signUp("merchant", Role.MERCHANT);
      assertRefusedToken(m.refresh());
      assertThat(platform.json("GET", "/api/users/me", m.access(), null).statusCode()).as("control").isEqualTo(200);
    }

    @Test
    @DisplayName("login brute force: after 5 failures for one email the 6th try, even with the right password, is 429 with Retry-After")
    void loginBruteForce() {
      String email = email("victim");
      register(email, Role.CUSTOMER);
      for (int i = 1; i <= 5; i++) {
        var wrong = login(email, "guess number " + i);
        assertThat(wrong.statusCode()).as("try " + i).isEqualTo(401);
      }
      var right = login(email, PASSWORD);
      assertThat(right.statusCode()).as(right.body()).isEqualTo(429);
      assertThat(right.body()).doesNotContain("accessToken");
      assertThat(Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 12L);
      assertThat(right.headers().firstValue("RateLimit-Remaining")).hasValue("0");
      assertThat(Platform.body(right).getString("type")).isEqualTo("https://atelier.dev/problems/too-many-requests");
      // the limit is per email: another account on the same address still signs in
      String other = email("bystander");
      register(other, Role.CUSTOMER);
      assertThat(login(other, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown email and a wrong password get the same 401 body (but for the correlation id)")
    void noAccountOracle() {
      String email = email("known");
      register(email, Role.CUSTOMER);
      var wrongPassword = login(email, "not the password");
      var unknownEmail = login(email("nobody"), "not the password");
      assertUnauthorized(wrongPassword);
      assertUnauthorized(unknownEmail);
      JsonObject w = Platform.body(wrongPassword);
      JsonObject u = Platform.body(unknownEmail);
      w.remove("correlationId");
      u.remove("correlationId");
      assertThat(w).isEqualTo(u);
    }

    @Test
    @DisplayName("a rotated refresh token presented again: 401, and its whole session is revoked (the newest token fails too)")
    void refreshReuseRevokesTheFamily() {
      Account victim = signUp("victim", Role.CUSTOMER);
      var second = refresh(victim.refresh());
      assertThat(second.statusCode()).isEqualTo(200);
      String newest = Platform.body(second).getString("refreshToken");

      assertUnauthorized(refresh(victim.refresh()));
      assertUnauthorized(refresh(newest));

      // control: in a session nobody replayed, the newest token refreshes
      Account other = signUp("other", Role.CUSTOMER);
      String next = Platform.body(refresh(other.refresh())).getString("refreshToken");
      assertThat(refresh(next).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a stale token sent along to login and refresh is ignored there: a client can always sign in again")
    void authRoutesIgnoreStaleTokens() {
      Account user = signUp("stale", Role.CUSTOMER);
      String stale = "Bearer " + user.access().substring(0, user.access().length() - 4) + "AAAA";
      var login = platform.send(platform.request("/api/auth/login").header("Content-Type", "application/json")
          .header("Authorization", stale).POST(HttpRequest.BodyPublishers.ofString(
              new JsonObject().put("email", user.user().getString("email")).put("password", PASSWORD).encode())).build());
      assertThat(login.statusCode()).isEqualTo(200);
      var refreshed = platform.send(platform.request("/api/auth/refresh").header("Content-Type", "application/json")
          .header("Authorization", stale).POST(HttpRequest.BodyPublishers.ofString(
              new JsonObject().put("refreshToken", user.refresh()).encode())).build());
      assertThat(refreshed.statusCode()).isEqualTo(200);
      assertUnauthorized(platform.send(platform.request("/api/users/me").header("Authorization", stale).GET().build()));
    }

    @Test
    @DisplayName("after logout the session's access token is refused too, though signed and unexpired: 401")
    void logoutEndsTheAccessToken() {
      Account user = signUp("leaver-access", Role.CUSTOMER);
      assertThat(me(user.access()).statusCode()).isEqualTo(200);
      assertThat(platform.json("POST", "/api/auth/logout", user.access(), null).statusCode()).isEqualTo(204);
      dev.atelier.runtime.testing.Await.until(Duration.ofSeconds(10), "the logged-out token to be refused",
          () -> me(user.access()).statusCode() == 401);
      assertUnauthorized(me(user.access()));
      Account other = signUp("stayer-access", Role.CUSTOMER);
      assertThat(me(other.access()).statusCode()).as("another session is untouched").isEqualTo(200);
    }

    @Test
    @DisplayName("a replayed refresh token ends its session's access tokens as well: 401")
    void replayEndsTheAccessToken() {
      Account victim = signUp("victim-access", Role.CUSTOMER);
      var second = refresh(victim.refresh());
      String access = Platform.body(second).getString("accessToken");
      assertThat(me(access).statusCode()).isEqualTo(200);
      assertUnauthorized(refresh(victim.refresh()));
      dev.atelier.runtime.testing.Await.until(Duration.ofSeconds(10), "the replayed session's token to be refused",
          () -> me(access).statusCode() == 401);
    }

    private HttpResponse<String> me(String access) {
      return platform.send(platform.request("/api/users/me").header("Authorization", "Bearer " + access).GET().build());
    }

    @Test
    @DisplayName("after logout the session's refresh token is refused: 401")
    void logoutEndsTheRefreshToken() {
      Account user = signUp("leaver", Role.CUSTOMER);
      var out = platform.json("POST", "/api/auth/logout", user.access(), null);
      assertThat(out.statusCode()).isEqualTo(204);
      assertUnauthorized(refresh(user.refresh()));
    }
  }

  // ---------------------------------------------------------------- API3

  @Nested
  @DisplayName("API3:2023 Broken Object Property Level Authorization")
  class PropertyLevelAuthorization {
    @Test
    @DisplayName("POST /api/products setting merchantId, id, version or createdAt: 422 naming that field, and nothing is created")
    void productMassAssignment() {
      UUID merchant = UUID.randomUUID();
      String token = platform.token(merchant, Role.MERCHANT);
      var attempts = new JsonObject()
          .put("merchantId", UUID.randomUUID().toString())
          .put("id", UUID.randomUUID().toString())
          .put("version", 99)
          .put("createdAt", "2020-01-01T00:00:00Z");
      for (String field : attempts.fieldNames()) {
        JsonObject body = new JsonObject(LAMP).put(field, attempts.getValue(field));
        var r = platform.json("POST", "/api/products", token, body.encode());
        assertThat(invalidField(r)).as(field).isEqualTo(field);
      }
      var mine = platform.json("GET", "/api/products?merchantId=" + merchant + "&limit=100", token, null);
      assertThat(Platform.body(mine).getJsonArray("items")).as("no product came of it").isEmpty();
      String victim = attempts.getString("merchantId");
      var theirs = platform.json("GET", "/api/products?merchantId=" + victim + "&limit=100", token, null);
      assertThat(Platform.body(theirs).getJsonArray("items")).isEmpty();
    }

    @Test
    @DisplayName("PATCH setting merchantId (moving the product to another owner) or id: 422 naming it, and the product is unchanged")
    void patchMassAssignment() {
      UUID merchant = UUID.randomUUID();
      String token = platform.token(merchant, Role.MERCHANT);
      JsonObject product = createProduct(token);
      String id = product.getString("id");
      var move = platform.json("PATCH", "/api/products/" + id, token,
          new JsonObject().put("merchantId", UUID.randomUUID().toString()).encode());
      assertThat(invalidField(move)).isEqualTo("merchantId");
      var rename = platform.json("PATCH", "/api/products/" + id, token,
          new JsonObject().put("priceCents", 1).put("id", UUID.randomUUID().toString()).encode());
      assertThat(invalidField(rename)).isEqualTo("id");
      JsonObject after = Platform.body(read(id, token));
      assertThat(after.getString("merchantId")).isEqualTo(merchant.toString());
      assertThat(after.getLong("priceCents")).as("the valid field in a refused body is not applied either").isEqualTo(4900L);
      assertThat(after.getLong("version")).isEqualTo(product.getLong("version"));
    }

    @Test
    @DisplayName("register with role admin (or ADMIN): 422 naming role, and no account is made")
    void registerAsAdmin() {
      String email = email("climber");
      assertThat(invalidField(platform.json("POST", "/api/auth/register", null, registration(email, "admin")))).isEqualTo("role");
      assertThat(invalidField(platform.json("POST", "/api/auth/register", null, registration(email, "ADMIN")))).isEqualTo("role");
      assertThat(login(email, PASSWORD).statusCode()).as("no account exists").isEqualTo(401);
      // control: the same email registers as a customer (201, not 409: nothing was stored before)
      assertThat(register(email, Role.CUSTOMER).getString("role")).isEqualTo("customer");
    }

    @Test
    @DisplayName("register setting id or passwordHash: 422 naming that field, and no account is made")
    void registerMassAssignment() {
      String email = email("assigner");
      String chosenId = UUID.randomUUID().toString();
      var withId = new JsonObject(registration(email, "customer")).put("id", chosenId);
      var withHash = new JsonObject(registration(email, "customer"))
          .put("passwordHash", "$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA");
      assertThat(invalidField(platform.json("POST", "/api/auth/register", null, withId.encode()))).isEqualTo("id");
      assertThat(invalidField(platform.json("POST", "/api/auth/register", null, withHash.encode()))).isEqualTo("passwordHash");
      JsonObject made = register(email, Role.CUSTOMER);
      assertThat(made.getString("id")).isNotEqualTo(chosenId);
    }

    @Test
    @DisplayName("no answer of register, login or me carries a password, its hash, or an Argon2 string")
    void noSecretsLeaveTheServer() {
      String email = email("private");
      var registered = platform.json("POST", "/api/auth/register", null, registration(email, "merchant"));
      var loggedIn = login(email, PASSWORD);
      assertThat(registered.statusCode()).isEqualTo(201);
      assertThat(loggedIn.statusCode()).isEqualTo(200);
      JsonObject tokens = Platform.body(loggedIn);
      var me = platform.json("GET", "/api/users/me", tokens.getString("accessToken"), null);
      assertThat(me.statusCode()).isEqualTo(200);

      // the tokens are random base64: take them out, so a chance 'hash' in them cannot decide the test
      String loginText = loggedIn.body().replace(tokens.getString("accessToken"), "<access>")
          .replace(tokens.getString("refreshToken"), "<refresh>");
      String accessClaims = ForgedTokens.payloadOf(tokens.getString("accessToken")).encode();
      for (String text : List.of(registered.body(), loginText, me.body(), accessClaims)) {
        String lower = text.toLowerCase(Locale.ROOT);
        assertThat(lower).as(text).doesNotContain("password", "passwordhash", "hash", "argon2", PASSWORD);
      }
      assertThat(Platform.body(registered).fieldNames()).containsExactlyInAnyOrder("id", "email", "name", "role", "createdAt");
      assertThat(Platform.body(me).fieldNames()).containsExactlyInAnyOrder("id", "email", "name", "role", "createdAt");
      assertThat(tokens.fieldNames()).containsExactlyInAnyOrder("accessToken", "refreshToken", "expiresIn", "tokenType");
      assertThat(ForgedTokens.payloadOf(tokens.getString("accessToken")).fieldNames())
          .containsExactlyInAnyOrder("iss", "aud", "sub", "role", "iat", "nbf", "exp", "jti", "sid");
    }
  }

  // ---------------------------------------------------------------- API4

  /**
   * Its own platform: a small anonymous limit, a short idle timeout and a small body limit. Every
   * request goes over {@link RawHttp} with Connection: close, from a loopback address of the test's own,
   * so a pooled keep-alive connection never meets the 2 s idle timeout and no other build's requests
   * share the anonymous bucket.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("API4:2023 Unrestricted Resource Consumption")
  class ResourceConsumption {
    private static final int BODY_LIMIT = 4096;
    private TestDatabase edgeDb;
    private Platform edge;

    @BeforeAll
    void start() {
      edgeDb = TestServers.newDatabase();
      JsonObject c = TestServers.config(edgeDb);
      c.getJsonObject("http").put("bodyLimitBytes", BODY_LIMIT).put("idleTimeoutSeconds", 2);
      c.getJsonObject("rateLimit").put("anonymous", new JsonObject().put("ratePerSecond", 0.5).put("burst", 5));
      edge = new Platform(c);
    }

    @AfterAll
    void stop() {
      edge.close();
      edgeDb.close();
    }

    private RawHttp.Response post(String path, String token, String body) {
      return RawHttp.exchange(RawHttp.freshLoopbackAddress(), edge.port, "POST", path,
          "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + UUID.randomUUID(), body);
    }

    /** {@link #LAMP} padded with JSON whitespace to exactly {@code bytes} bytes. */
    private String lampOf(int bytes) {
      return LAMP.substring(0, LAMP.length() - 1) + " ".repeat(bytes - LAMP.length()) + "}";
    }

    @Test
    @DisplayName("a body one byte over http.bodyLimitBytes: 413; exactly at the limit it is read (201)")
    void bodyLimit() {
      String token = edge.token(UUID.randomUUID(), Role.MERCHANT);
      var over = post("/api/products", token, lampOf(BODY_LIMIT + 1));
      assertThat(over.status()).as(over.body()).isEqualTo(413);
      assertThat(over.header("Content-Type")).isEqualTo("application/problem+json");
      var atLimit = post("/api/products", token, lampOf(BODY_LIMIT));
      assertThat(atLimit.status()).as(atLimit.body()).isEqualTo(201);
      // a public route with a body is held to it too
      String huge = new JsonObject(registration(email("big"), "customer")).put("name", "x".repeat(BODY_LIMIT)).encode();
      var register = RawHttp.exchange(RawHttp.freshLoopbackAddress(), edge.port, "POST", "/api/auth/register",
          "Content-Type: application/json", huge);
      assertThat(register.status()).isEqualTo(413);
    }

    @Test
    @DisplayName("GET /api/products?limit=1000: 422 naming limit (max 100, which is fine)")
    void pageSizeLimit() {
      String token = edge.token(UUID.randomUUID(), Role.CUSTOMER);
      String ip = RawHttp.freshLoopbackAddress();
      var tooMany = RawHttp.get(ip, edge.port, "/api/products?limit=1000", token);
      assertThat(tooMany.status()).isEqualTo(422);
      assertThat(new JsonObject(tooMany.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("limit");
      assertThat(RawHttp.get(ip, edge.port, "/api/products?limit=100", token).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("an anonymous caller past the burst (5) is refused: 429 with Retry-After and RateLimit-* headers")
    void anonymousRateLimit() {
      String ip = RawHttp.freshLoopbackAddress();
      var answers = new ArrayList<RawHttp.Response>();
      for (int i = 0; i < 6; i++) {
        answers.add(RawHttp.get(ip, edge.port, "/.well-known/jwks.json", null));
      }
      for (int i = 0; i < 5; i++) {
        RawHttp.Response ok = answers.get(i);
        assertThat(ok.status()).as("request " + (i + 1)).isEqualTo(200);
        assertThat(ok.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
      }
      RawHttp.Response refused = answers.get(5);
      assertThat(refused.status()).as(refused.body()).isEqualTo(429);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
      assertThat(refused.header("RateLimit-Limit")).isEqualTo("5");
      assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
      assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isPositive();
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.body()).doesNotContain("\"keys\"");

      // per IP and anonymous only: a signed-in caller from that address, and another address, are served
      assertThat(RawHttp.get(ip, edge.port, "/.well-known/jwks.json", edge.token(UUID.randomUUID(), Role.CUSTOMER)).status())
          .isEqualTo(200);
      assertThat(RawHttp.get(RawHttp.freshLoopbackAddress(), edge.port, "/.well-known/jwks.json", null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a client that sends half a request line and goes silent is disconnected after http.idleTimeoutSeconds")
    void silentClientIsDisconnected() throws IOException {
      try (var socket = RawHttp.connect(RawHttp.freshLoopbackAddress(), edge.port)) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /api/prod".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        long start = System.nanoTime();
        int read;
        try {
          read = socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the server kept a silent half-request open for 10 s", e);
        } catch (SocketException reset) {
          read = -1;
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(read).as("closed without an answer").isEqualTo(-1);
        assertThat(waited).as("by the idle timer, not at once").isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
      }
    }
  }

  // ---------------------------------------------------------------- API5

  @Nested
  @DisplayName("API5:2023 Broken Function Level Authorization")
  class FunctionLevelAuthorization {
    @Test
    @DisplayName("a customer POSTing, PATCHing or DELETEing products: 403, and nothing changes")
    void customerCannotUseMerchantFunctions() {
      String merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);
      JsonObject product = createProduct(merchant);
      String id = product.getString("id");
      UUID customerId = UUID.randomUUID();
      String customer = platform.token(customerId, Role.CUSTOMER);

      var create = platform.json("POST", "/api/products", customer, LAMP);
      var patch = platform.json("PATCH", "/api/products/" + id, customer, "{\"priceCents\":1}");
      var delete = platform.json("DELETE", "/api/products/" + id, customer, null);
      for (var r : List.of(create, patch, delete)) {
        assertThat(r.statusCode()).as(r.request().method()).isEqualTo(403);
        assertThat(Platform.body(r).getString("type")).isEqualTo("https://atelier.dev/problems/forbidden");
      }
      JsonObject after = Platform.body(read(id, merchant));
      assertThat(after.getLong("priceCents")).isEqualTo(4900L);
      assertThat(after.getLong("version")).isEqualTo(product.getLong("version"));
      var listed = platform.json("GET", "/api/products?merchantId=" + customerId + "&limit=100", customer, null);
      assertThat(Platform.body(listed).getJsonArray("items")).isEmpty();
    }

    @Test
    @DisplayName("an anonymous caller POSTing, PATCHing or DELETEing products: 401 with WWW-Authenticate, and nothing changes")
    void anonymousCannotWrite() {
      String merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);
      JsonObject product = createProduct(merchant);
      String id = product.getString("id");
      assertUnauthorized(platform.json("POST", "/api/products", null, LAMP));
      assertUnauthorized(platform.json("PATCH", "/api/products/" + id, null, "{\"priceCents\":1}"));
      assertUnauthorized(platform.json("DELETE", "/api/products/" + id, null, null));
      JsonObject after = Platform.body(read(id, merchant));
      assertThat(after.getLong("priceCents")).isEqualTo(4900L);
      assertThat(after.getLong("version")).isEqualTo(product.getLong("version"));
    }

    @Test
    @DisplayName("a signed-in merchant registering a new account as admin: 422 naming role (no self-service admin)")
    void merchantCannotMintAnAdmin() {
      Account merchant = signUp("merchant", Role.MERCHANT);
      String email = email("shadow-admin");
      var r = withAuthorization("POST", "/api/auth/register", "Bearer " + merchant.access(), registration(email, "admin"));
      assertThat(invalidField(r)).isEqualTo("role");
      assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("a customer's genuine token re-labelled merchant (signature kept) cannot create a product: 401")
    void relabelledTokenCannotWrite() {
      Account customer = signUp("customer", Role.CUSTOMER);
      var r = platform.json("POST", "/api/products", ForgedTokens.withPayloadEdited(customer.access(), Role.MERCHANT), LAMP);
      assertUnauthorized(r);
    }

    @Test
    @DisplayName("admin routes do not exist yet: /api/admin/deployments is 404 for a merchant (when they land, expect 403)")
    void noAdminRoutesYet() {
      var r = platform.json("GET", "/api/admin/deployments", platform.token(UUID.randomUUID(), Role.MERCHANT), null);
      assertThat(r.statusCode()).isEqualTo(404);
    }
  }
}
