package dev.atelier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.testing.TestTokens;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.HttpTestClient;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The edge against a fake service over the real event bus: auth, bodies, failure mapping, readiness. */
class RouteTableIT {
  private static Vertx vertx;
  private static HttpTestClient http;
  private static TestTokens tokens;
  private static int gatewayPort;
  private static TestDatabase db;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    // this class tests routing, not limits: every anonymous request here comes from one address
    config.getJsonObject("rateLimit").put("enabled", false);
    config.getJsonObject("http").put("port", 0).put("host", "127.0.0.1").put("bodyLimitBytes", 2048);
    config.getJsonObject("auth").put("devSecret", "test-secret-test-secret-test-secret-0123456789");
    config.getJsonObject("http").put("corsOrigins", new io.vertx.core.json.JsonArray().add("https://shop.example.com"))
        .put("requestTimeoutMillis", 600).put("idleTimeoutSeconds", 1);
    config.getJsonObject("bus").put("timeoutMillis", 2000);
    tokens = new TestTokens(config);
    vertx = Vertx.vertx();
    Codecs.install(vertx);
    FakeShop.installCodecs(vertx);
    Await.result(vertx.deployVerticle(new FakeShop().newVerticle(), new DeploymentOptions().setConfig(config)));
    var gateway = new GatewayVerticle(List.of(new FakeShop()));
    Await.result(vertx.deployVerticle(gateway, new DeploymentOptions().setConfig(config)));
    gatewayPort = gateway.port();
    http = new HttpTestClient(gatewayPort);
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  private static String token(Role role) {
    return tokens.issue(UUID.randomUUID(), role);
  }

  private static String problemField(HttpResponse<String> r) {
    return HttpTestClient.body(r).getJsonArray("errors").getJsonObject(0).getString("field");
  }

  @Test
  @DisplayName("a public route answers through the bus; a literal path wins over a parameter path")
  void publicRoute() {
    UUID id = UUID.randomUUID();
    var r = http.get("/api/things/" + id);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(HttpTestClient.body(r).getString("id")).isEqualTo(id.toString());
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(HttpTestClient.body(http.get("/api/things/special")).getString("name")).isEqualTo("special");
  }

  @Test
  @DisplayName("each failure code becomes its one HTTP status, as problem+json")
  void failureCodes() {
    var expected = new java.util.LinkedHashMap<String, Integer>();
    expected.put("INVALID", 422);
    expected.put("NOT_FOUND", 404);
    expected.put("CONFLICT", 409);
    expected.put("FORBIDDEN", 403);
    expected.put("RATE_LIMITED", 429);
    expected.put("UNAUTHORIZED", 401);
    expected.put("bug", 500);
    expected.forEach((behaviour, status) -> {
      var r = http.get("/api/things/" + UUID.randomUUID() + "?behaviour=" + behaviour);
      assertThat(r.statusCode()).as(behaviour).isEqualTo(status);
      assertThat(r.headers().firstValue("Content-Type")).as(behaviour).hasValue("application/problem+json");
      assertThat(HttpTestClient.body(r).getInteger("status")).as(behaviour).isEqualTo(status);
    });
    assertThat(problemField(http.get("/api/things/" + UUID.randomUUID() + "?behaviour=INVALID"))).isEqualTo("id");
    var tooMany = http.get("/api/things/" + UUID.randomUUID() + "?behaviour=RATE_LIMITED");
    assertThat(tooMany.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  @DisplayName("security headers on every answer; CORS only for configured origins, on /api/*")
  void edgeHeaders() {
    for (var r : List.of(http.get("/api/things/special"), http.get("/api/nothing"), http.get("/health/live"))) {
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
    }
    var preflight = http.send(http.request("/api/things").header("Origin", "https://shop.example.com")
        .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
    var stranger = http.send(http.request("/api/things/special").header("Origin", "https://evil.example.org").GET().build());
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  @DisplayName("a request the edge cannot finish in time is 504 problem+json, before the bus gives up")
  void requestTimeout() {
    var r = http.get("/api/things/" + UUID.randomUUID() + "?behaviour=silence");
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  @DisplayName("a client that sends half a request and goes quiet loses its connection")
  void slowClient() throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", gatewayPort)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET /api/things/special HTTP/1.1\r\nHost: x\r\n".getBytes());
      long started = System.nanoTime();
      assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  @DisplayName("a service that is down is 503 with Retry-After")
  void outages() {
    var down = http.get("/api/things/" + UUID.randomUUID() + "?behaviour=UNAVAILABLE");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  @DisplayName("no token, a broken header or a forged token is 401 with WWW-Authenticate; the wrong role is 403")
  void authentication() {
    String body = "{\"name\":\"a\"}";
    String merchant = token(Role.MERCHANT);
    var none = http.json("POST", "/api/things", null, body);
    var forged = http.json("POST", "/api/things", merchant.substring(0, merchant.length() - 3) + "abc", body);
    var broken = http.send(http.request("/api/things").header("Authorization", "Basic abc")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    var badOnPublic = http.send(http.request("/api/things/" + UUID.randomUUID()).header("Authorization", "Bearer nope").GET().build());
    for (var r : List.of(none, forged, broken, badOnPublic)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }
    assertThat(http.json("POST", "/api/things", token(Role.CUSTOMER), body).statusCode()).isEqualTo(403);
    var created = http.json("POST", "/api/things", merchant, body);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/things/x");
    assertThat(http.get("/api/my/things/" + UUID.randomUUID()).statusCode()).isEqualTo(401);
    assertThat(http.send(http.request("/api/my/things/" + UUID.randomUUID())
        .header("Authorization", "Bearer " + token(Role.CUSTOMER)).GET().build()).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("bodies: 400 malformed, 422 naming the field (unknown ones too), 415, 413; auth before the body")
  void bodies() {
    String merchant = token(Role.MERCHANT);
    assertThat(http.json("POST", "/api/things", merchant, "{\"name\":").statusCode()).isEqualTo(400);
    var unknown = http.json("POST", "/api/things", merchant, "{\"name\":\"a\",\"owner\":\"" + UUID.randomUUID() + "\"}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(problemField(unknown)).isEqualTo("owner");
    assertThat(problemField(http.json("POST", "/api/things", merchant, "{\"name\":\" \"}"))).isEqualTo("name");
    assertThat(problemField(http.json("POST", "/api/things", merchant, "{\"name\":\"a\",\"size\":\"big\"}"))).isEqualTo("size");
    var text = http.send(http.request("/api/things").header("Authorization", "Bearer " + merchant)
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(text.statusCode()).isEqualTo(415);
    String large = "{\"name\":\"" + "x".repeat(5000) + "\"}";
    assertThat(http.json("POST", "/api/things", merchant, large).statusCode()).isEqualTo(413);
    assertThat(http.json("POST", "/api/things", null, large).statusCode()).as("refused before the body is read").isEqualTo(401);
  }

  @Test
  @DisplayName("/health/ready asks each service it routes to, and is DOWN (503) while one cannot serve")
  void readiness() {
    var up = http.get("/health/ready");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(HttpTestClient.body(up).getJsonObject("checks").getJsonObject("shop").getString("status")).isEqualTo("UP");
    FakeShop.ShopVerticle.ready = false;
    try {
      var down = http.get("/health/ready");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(HttpTestClient.body(down).getJsonObject("checks").getJsonObject("shop").getString("error"))
          .contains("database is gone");
    } finally {
      FakeShop.ShopVerticle.ready = true;
    }
  }

  @Test
  @DisplayName("an unknown path is a problem+json 404, a known path with another method 405")
  void unknownRoutes() {
    var missing = http.get("/api/nothing-here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(http.json("PUT", "/api/things", token(Role.MERCHANT), "{}").statusCode()).isEqualTo(405);
  }
}
