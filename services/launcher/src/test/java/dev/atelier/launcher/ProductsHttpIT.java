package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The product API over HTTP, end to end on real PostgreSQL and Redis. */
class ProductsHttpIT {
  private static TestDatabase db;
  private static Platform platform;
  private static final UUID MERCHANT = UUID.randomUUID();
  private static String merchant;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    var config = TestServers.config(db);
    config.getJsonObject("http").put("bodyLimitBytes", 4096);
    platform = new Platform(config);
    merchant = platform.token(MERCHANT, Role.MERCHANT);
  }

  @AfterAll
  static void stop() {
    platform.close();
    db.close();
  }

  private static final String CHAIR = """
      {"name":"Chair","description":"oak","priceCents":4900,"currency":"EUR","tags":["furniture"],"stock":3,
       "variants":[{"sku":"%s","name":"Red","priceCents":5100,"stock":1}]}""";

  private static JsonObject createChair() {
    var r = platform.json("POST", "/api/products", merchant, CHAIR.formatted("CH-" + UUID.randomUUID().toString().substring(0, 8)));
    assertThat(r.statusCode()).isEqualTo(201);
    return Platform.body(r);
  }

  @Test
  @DisplayName("create, read (miss then hit), list with fields=, update, read the change, delete, then 404")
  void roundTrip() {
    var create = platform.json("POST", "/api/products", merchant, CHAIR.formatted("CH-" + UUID.randomUUID().toString().substring(0, 8)));
    assertThat(create.statusCode()).isEqualTo(201);
    JsonObject product = Platform.body(create);
    String id = product.getString("id");
    assertThat(create.headers().firstValue("Location")).hasValue("/api/products/" + id);
    assertThat(product.getString("merchantId")).isEqualTo(MERCHANT.toString());

    var miss = platform.get("/api/products/" + id);
    var hit = platform.get("/api/products/" + id + "?include=variants");
    assertThat(miss.statusCode()).isEqualTo(200);
    assertThat(miss.headers().firstValue("X-Cache")).hasValue("miss");
    assertThat(Platform.body(miss).containsKey("variants")).isFalse();
    assertThat(hit.headers().firstValue("X-Cache")).hasValue("hit");
    assertThat(Platform.body(hit).getJsonArray("variants").getJsonObject(0).getLong("priceCents")).isEqualTo(5100L);

    var list = platform.get("/api/products?merchantId=" + MERCHANT + "&fields=id,name,priceCents&limit=100");
    assertThat(list.statusCode()).isEqualTo(200);
    JsonObject item = Platform.body(list).getJsonArray("items").getJsonObject(0);
    assertThat(item.fieldNames()).containsExactlyInAnyOrder("id", "name", "priceCents");
    assertThat(Platform.body(list).containsKey("nextCursor")).isTrue();

    var patch = platform.json("PATCH", "/api/products/" + id, merchant, "{\"priceCents\":3900}");
    assertThat(patch.statusCode()).isEqualTo(200);
    var after = platform.get("/api/products/" + id);
    assertThat(Platform.body(after).getLong("priceCents")).isEqualTo(3900L);
    assertThat(after.headers().firstValue("X-Cache")).hasValue("miss");

    var delete = platform.json("DELETE", "/api/products/" + id, merchant, null);
    assertThat(delete.statusCode()).isEqualTo(204);
    var gone = platform.get("/api/products/" + id);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  @DisplayName("no token, a bad token or a broken header is 401 with WWW-Authenticate; a customer is 403")
  void authentication() {
    String body = CHAIR.formatted("X1");
    var none = platform.json("POST", "/api/products", null, body);
    var forged = platform.json("POST", "/api/products", merchant.substring(0, merchant.length() - 3) + "abc", body);
    var broken = platform.send(platform.request("/api/products").header("Authorization", "Basic abc")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    var customer = platform.json("POST", "/api/products", platform.token(UUID.randomUUID(), Role.CUSTOMER), body);
    for (var r : new HttpResponse[] {none, forged, broken}) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }
    assertThat(customer.statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("another merchant gets 404 for my product on PATCH and DELETE, and it stays unchanged")
  void ownership() {
    String id = createChair().getString("id");
    String other = platform.token(UUID.randomUUID(), Role.MERCHANT);
    assertThat(platform.json("PATCH", "/api/products/" + id, other, "{\"priceCents\":1}").statusCode()).isEqualTo(404);
    assertThat(platform.json("DELETE", "/api/products/" + id, other, null).statusCode()).isEqualTo(404);
    assertThat(Platform.body(platform.get("/api/products/" + id)).getLong("priceCents")).isEqualTo(4900L);
  }

  @Test
  @DisplayName("bad input: 400 malformed, 422 naming the field, 413 too large, 415 wrong type; never 500")
  void badInput() {
    var malformed = platform.json("POST", "/api/products", merchant, "{\"name\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(Platform.body(malformed).getString("correlationId")).isNotBlank();

    var unknown = platform.json("POST", "/api/products", merchant, "{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"merchantId\":\"" + UUID.randomUUID() + "\"}");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(Platform.body(unknown).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("merchantId");

    var badValue = platform.json("POST", "/api/products", merchant, "{\"name\":\"A\",\"priceCents\":\"12\",\"currency\":\"EUR\"}");
    assertThat(badValue.statusCode()).isEqualTo(422);
    assertThat(Platform.body(badValue).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("priceCents");

    var nested = platform.json("POST", "/api/products", merchant,
        "{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"variants\":[{\"sku\":\"A\",\"name\":\"a\",\"priceCents\":1,\"stock\":-1}]}");
    assertThat(Platform.body(nested).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("variants[0].stock");

    var tooLarge = platform.json("POST", "/api/products", merchant, "{\"name\":\"" + "x".repeat(5000) + "\"}");
    assertThat(tooLarge.statusCode()).isEqualTo(413);

    var wrongType = platform.send(platform.request("/api/products").header("Authorization", "Bearer " + merchant)
        .header("Content-Type", "text/plain").header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(wrongType.statusCode()).isEqualTo(415);

    var badId = platform.get("/api/products/not-a-uuid");
    assertThat(badId.statusCode()).isEqualTo(422);
    assertThat(Platform.body(badId).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("id");

    var badLimit = platform.get("/api/products?limit=1000");
    assertThat(Platform.body(badLimit).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("limit");

    var badFields = platform.get("/api/products?fields=id,secret");
    assertThat(badFields.statusCode()).isEqualTo(422);

    var emptyPatch = platform.json("PATCH", "/api/products/" + UUID.randomUUID(), merchant, "{}");
    assertThat(emptyPatch.statusCode()).isEqualTo(422);

    var nul = platform.json("POST", "/api/products", merchant, "{\"name\":\"a\\u0000b\",\"priceCents\":1,\"currency\":\"EUR\"}");
    assertThat(nul.statusCode()).isEqualTo(422);
    assertThat(Platform.body(nul).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
    var nulTag = platform.get("/api/products?tag=%00");
    assertThat(nulTag.statusCode()).isEqualTo(422);
    assertThat(Platform.body(nulTag).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("tag");

    var huge = platform.json("POST", "/api/products", merchant,
        "{\"name\":\"A\",\"priceCents\":1,\"currency\":\"EUR\",\"variants\":[{\"sku\":\"A\",\"name\":\"a\",\"priceCents\":1,\"stock\":3000000000}]}");
    assertThat(huge.statusCode()).isEqualTo(422);
    assertThat(Platform.body(huge).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("variants[0].stock");

    var mergePatch = platform.send(platform.request("/api/products/" + UUID.randomUUID()).header("Authorization", "Bearer " + merchant)
        .header("Content-Type", "application/merge-patch+json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"stock\":1}")).build());
    assertThat(mergePatch.statusCode()).as("null would not mean 'remove' here, so merge-patch is not offered").isEqualTo(415);
  }

  @Test
  @DisplayName("nulls never reach PostgreSQL as a 500, and five bad requests do not shut the route for everyone")
  void badInputDoesNotTripTheBreaker() {
    for (int i = 0; i < 8; i++) {
      assertThat(platform.get("/api/products?tag=%00").statusCode()).isEqualTo(422);
    }
    assertThat(platform.get("/api/products?limit=1").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a write refused before its body is read closes the connection rather than leave it stalled")
  void refusedBodyClosesConnection() throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", platform.port)) {
      socket.setSoTimeout(5_000);
      var out = socket.getOutputStream();
      int length = 200_000;
      out.write(("POST /api/products HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length
          + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(new byte[64 * 1024]);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");
    }
  }

  @Test
  @DisplayName("an anonymous write is refused before its body is read: 401, not 413")
  void authBeforeBody() {
    var r = platform.json("POST", "/api/products", null, "{\"name\":\"" + "x".repeat(5000) + "\"}");
    assertThat(r.statusCode()).isEqualTo(401);
    var ok = platform.json("POST", "/api/products", merchant, CHAIR.formatted("AB-" + UUID.randomUUID().toString().substring(0, 8)));
    assertThat(ok.statusCode()).as("a paused body still arrives once the token is checked").isEqualTo(201);
  }

  @Test
  @DisplayName("a sane X-Correlation-Id is echoed; an unsafe one is replaced")
  void correlation() {
    var sane = platform.send(platform.request("/api/products/" + UUID.randomUUID()).header("X-Correlation-Id", "trace-123").GET().build());
    assertThat(sane.headers().firstValue("X-Correlation-Id")).hasValue("trace-123");
    assertThat(Platform.body(sane).getString("correlationId")).isEqualTo("trace-123");
    var unsafe = platform.send(platform.request("/api/products/" + UUID.randomUUID()).header("X-Correlation-Id", "a b<script>").GET().build());
    assertThat(unsafe.headers().firstValue("X-Correlation-Id").orElseThrow()).matches("[0-9a-f]{16}");
  }

  @Test
  @DisplayName("/metrics serves Prometheus text with HTTP, event-bus, pool, JVM and per-route series")
  void metrics() {
    createChair();
    var r = platform.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("vertx_http_server_requests_total", "vertx_eventbus_", "vertx_pool_",
        "jvm_memory_used_bytes", "atelier_http_route_seconds_bucket", "route=\"/api/products\"");
  }

  @Test
  @DisplayName("/health/ready reports each dependency; /health/live is up")
  void health() {
    var ready = platform.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject body = Platform.body(ready);
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonObject("checks").getJsonObject("postgres").getString("status")).isEqualTo("UP");
    assertThat(body.getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("UP");
    assertThat(body.getJsonObject("checks").getJsonObject("catalog").getString("status")).isEqualTo("UP");
    assertThat(platform.get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("an unknown route is a problem+json 404, an unsupported method a 405")
  void unknownRoutes() {
    var missing = platform.get("/api/nothing-here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    var method = platform.json("PUT", "/api/products", merchant, "{}");
    assertThat(method.statusCode()).isEqualTo(405);
  }
}
