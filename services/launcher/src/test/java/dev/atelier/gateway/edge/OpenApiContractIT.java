package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.DeadLetter;
import dev.atelier.runtime.messaging.DeadLetterStore;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.HttpTestClient;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract is code: every operation of the served document is called on the full platform, and
 * each answer (success and problem alike) must match the schema documented for its status.
 */
class OpenApiContractIT {
  private static TestDatabase db;
  private static dev.atelier.launcher.TestPlatform platform;
  private static Vertx vertx;
  private static ResponseSchemas schemas;
  private static HttpTestClient http;
  private static PgSettings pg;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    platform = dev.atelier.launcher.TestPlatform.start(config);
    pg = PgSettings.from(config);
    http = new HttpTestClient(platform.port());
    vertx = Vertx.vertx();
    schemas = new ResponseSchemas(vertx, Await.result(ContractValidator.create(vertx, OpenApiSources.all())));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    platform.close();
    db.close();
  }

  private static HttpResponse<String> documented(String operationId, HttpResponse<String> r) {
    String type = r.headers().firstValue("Content-Type").orElse(null);
    schemas.assertDocumented(operationId, r.statusCode(), type, r.body().isEmpty() ? null : r.body());
    return r;
  }

  private static HttpResponse<String> post(String path, String token, String body) {
    return http.json("POST", path, token, body);
  }

  @Test
  @DisplayName("/openapi.yaml serves the merged 3.1 document; it is kept for the linter")
  void servedDocument() throws Exception {
    var r = documented("getOpenApi", http.get("/openapi.yaml"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("openapi: 3.1.0").contains("operationId: createProduct", "operationId: login");
    Files.writeString(Path.of("target/openapi.yaml"), r.body());
  }

  @Test
  @DisplayName("auth and account answers match their documented schemas")
  void accounts() {
    String email = "c" + UUID.randomUUID() + "@example.com";
    String registration = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"name\":\"Cleo\",\"role\":\"customer\"}";
    assertThat(documented("registerUser", post("/api/auth/register", null, registration)).statusCode()).isEqualTo(201);
    assertThat(documented("registerUser", post("/api/auth/register", null, registration)).statusCode()).isEqualTo(409);
    assertThat(documented("registerUser", post("/api/auth/register", null, "{\"email\":\"x\"}")).statusCode()).isEqualTo(422);
    var login = documented("login", post("/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"));
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(documented("login", post("/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"wrong one!\"}"))
        .statusCode()).isEqualTo(401);
    JsonObject pair = HttpTestClient.body(login);
    var refreshed = documented("refreshSession", post("/api/auth/refresh", null,
        "{\"refreshToken\":\"" + pair.getString("refreshToken") + "\"}"));
    assertThat(refreshed.statusCode()).isEqualTo(200);
    String access = HttpTestClient.body(refreshed).getString("accessToken");
    var me = documented("getMe", http.send(http.request("/api/users/me").header("Authorization", "Bearer " + access).GET().build()));
    assertThat(HttpTestClient.body(me).getString("email")).isEqualTo(email);
    assertThat(documented("getMe", http.get("/api/users/me")).statusCode()).isEqualTo(401);
    assertThat(documented("getJwks", http.get("/.well-known/jwks.json")).statusCode()).isEqualTo(200);
    assertThat(documented("logout", post("/api/auth/logout", access, null)).statusCode()).isEqualTo(204);
  }

  @Test
  @DisplayName("product answers match their documented schemas, problems included")
  void products() {
    String merchant = platform.token(UUID.randomUUID(), dev.atelier.codecs.users.Role.MERCHANT);
    var created = documented("createProduct", post("/api/products", merchant,
        "{\"name\":\"Lamp\",\"priceCents\":1200,\"currency\":\"EUR\",\"tags\":[\"light\"],\"stock\":2,"
            + "\"variants\":[{\"sku\":\"L-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Brass\",\"priceCents\":1500,\"stock\":1}]}"));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = HttpTestClient.body(created).getString("id");
    assertThat(documented("createProduct", post("/api/products", merchant, "{\"name\":\"\"}")).statusCode()).isEqualTo(422);
    assertThat(documented("createProduct", post("/api/products", null, "{}")).statusCode()).isEqualTo(401);
    assertThat(documented("getProduct", http.get("/api/products/" + id + "?include=variants")).statusCode()).isEqualTo(200);
    assertThat(documented("getProduct", http.get("/api/products/" + UUID.randomUUID())).statusCode()).isEqualTo(404);
    assertThat(documented("listProducts", http.get("/api/products?limit=5")).statusCode()).isEqualTo(200);
    assertThat(documented("listProducts", http.get("/api/products?fields=id,name&limit=5")).statusCode()).isEqualTo(200);
    assertThat(documented("listProducts", http.get("/api/products?limit=1000")).statusCode()).isEqualTo(422);
    assertThat(documented("updateProduct", http.json("PATCH", "/api/products/" + id, merchant, "{\"priceCents\":900}"))
        .statusCode()).isEqualTo(200);
    assertThat(documented("deleteProduct", http.json("DELETE", "/api/products/" + id, merchant, null)).statusCode()).isEqualTo(204);
    assertThat(documented("deleteProduct", http.json("DELETE", "/api/products/" + id, merchant, null)).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("dead-letter answers match their documented schemas, problems included")
  void deadLetters() {
    // parked straight into the store: which consumer failed does not matter to the contract
    String queue = "contract-" + UUID.randomUUID().toString().substring(0, 8) + ".events";
    DeadLetter json = parked(queue, "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"product.created\"}");
    DeadLetter raw = parked(queue, "{not json");
    String admin = platform.token(UUID.randomUUID(), Role.ADMIN);
    String list = "/api/admin/dead-letters?queue=" + queue;

    var listed = documented("listDeadLetters", get(list, admin));
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(HttpTestClient.body(listed).getJsonArray("items")).hasSize(2);
    // paged oldest first: one per page, the cursor leads to the other, the last page has none
    var first = HttpTestClient.body(documented("listDeadLetters", get(list + "&limit=1", admin)));
    assertThat(first.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(json.id().toString());
    var second = HttpTestClient.body(documented("listDeadLetters",
        get(list + "&limit=1&cursor=" + first.getString("nextCursor"), admin)));
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(raw.id().toString());
    assertThat(second.getValue("nextCursor")).isNull();
    assertThat(documented("listDeadLetters", get(list + "&cursor=bogus", admin)).statusCode()).isEqualTo(422);
    assertThat(documented("listDeadLetters", get(list + "&limit=0", admin)).statusCode()).isEqualTo(422);
    assertThat(documented("listDeadLetters", get(list, platform.token(UUID.randomUUID(), Role.MERCHANT))).statusCode())
        .isEqualTo(403);
    assertThat(documented("listDeadLetters", get(list, null)).statusCode()).isEqualTo(401);

    String replay = "/api/admin/dead-letters/" + json.id() + "/replay";
    assertThat(documented("replayDeadLetter", post(replay, admin, null)).statusCode()).isEqualTo(202);
    assertThat(documented("replayDeadLetter", post(replay, admin, null)).statusCode()).isEqualTo(404);
    assertThat(documented("replayDeadLetter", post("/api/admin/dead-letters/x/replay", admin, null)).statusCode()).isEqualTo(422);
    assertThat(documented("replayDeadLetter", post(replay, platform.token(UUID.randomUUID(), Role.CUSTOMER), null))
        .statusCode()).isEqualTo(403);

    String discard = "/api/admin/dead-letters/" + raw.id();
    assertThat(documented("discardDeadLetter", http.json("DELETE", discard, admin, null)).statusCode()).isEqualTo(204);
    assertThat(documented("discardDeadLetter", http.json("DELETE", discard, admin, null)).statusCode()).isEqualTo(404);
    assertThat(documented("discardDeadLetter", http.json("DELETE", "/api/admin/dead-letters/x", admin, null)).statusCode())
        .isEqualTo(422);
    assertThat(documented("discardDeadLetter", http.json("DELETE", discard, null, null)).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("wallet and gift-card answers match their documented schemas, problems included")
  void payments() {
    UUID customerId = UUID.randomUUID();
    String customer = platform.token(customerId, Role.CUSTOMER);
    String merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);

    var empty = documented("getWallet", get("/api/wallet", customer));
    assertThat(HttpTestClient.body(empty).getLong("balanceCents")).isZero();
    assertThat(documented("getWallet", get("/api/wallet", null)).statusCode()).isEqualTo(401);
    var topUp = documented("topUpWallet", post("/api/wallet/top-ups", customer, "{\"amountCents\":2500}"));
    assertThat(topUp.statusCode()).isEqualTo(201);
    assertThat(HttpTestClient.body(topUp).getLong("balanceCents")).isEqualTo(2_500);
    assertThat(documented("topUpWallet", post("/api/wallet/top-ups", customer, "{\"amountCents\":0}")).statusCode()).isEqualTo(422);
    assertThat(documented("topUpWallet", post("/api/wallet/top-ups", customer,
        "{\"amountCents\":100,\"userId\":\"" + UUID.randomUUID() + "\"}")).statusCode()).as("no mass assignment").isEqualTo(422);
    var noKey = http.send(http.request("/api/wallet/top-ups").header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + customer).POST(HttpRequest.BodyPublishers.ofString("{\"amountCents\":100}")).build());
    assertThat(documented("topUpWallet", noKey).statusCode()).isEqualTo(400);
    assertThat(documented("topUpWallet", post("/api/wallet/top-ups", null, "{\"amountCents\":100}")).statusCode()).isEqualTo(401);

    var ledger = documented("listLedger", get("/api/wallet/ledger?limit=1", customer));
    assertThat(HttpTestClient.body(ledger).getJsonArray("items")).hasSize(1);
    assertThat(documented("listLedger", get("/api/wallet/ledger?limit=1000", customer)).statusCode()).isEqualTo(422);
    assertThat(documented("listLedger", get("/api/wallet/ledger?cursor=forged", customer)).statusCode()).isEqualTo(422);
    assertThat(documented("listLedger", get("/api/wallet/ledger", null)).statusCode()).isEqualTo(401);

    var issued = documented("issueGiftCard", post("/api/giftcards", merchant, "{\"amountCents\":1000,\"currency\":\"EUR\"}"));
    assertThat(issued.statusCode()).isEqualTo(201);
    assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
    String code = HttpTestClient.body(issued).getString("code");
    assertThat(documented("issueGiftCard", post("/api/giftcards", customer, "{\"amountCents\":1000,\"currency\":\"EUR\"}"))
        .statusCode()).isEqualTo(403);
    assertThat(documented("issueGiftCard", post("/api/giftcards", merchant, "{\"amountCents\":1000,\"currency\":\"USD\"}"))
        .statusCode()).isEqualTo(422);
    assertThat(documented("issueGiftCard", post("/api/giftcards", null, "{}")).statusCode()).isEqualTo(401);

    var redeemed = documented("redeemGiftCard", post("/api/giftcards/redeem", customer, "{\"code\":\"" + code + "\"}"));
    assertThat(redeemed.statusCode()).isEqualTo(200);
    assertThat(HttpTestClient.body(redeemed).getLong("balanceCents")).isEqualTo(3_500);
    assertThat(documented("redeemGiftCard", post("/api/giftcards/redeem", customer, "{\"code\":\"" + code + "\"}")).statusCode())
        .isEqualTo(409);
    assertThat(documented("redeemGiftCard", post("/api/giftcards/redeem", customer,
        "{\"code\":\"GC-0000-0000-0000-0000-0000-0000-00\"}")).statusCode()).isEqualTo(404);
    assertThat(documented("redeemGiftCard", post("/api/giftcards/redeem", customer, "{\"code\":\"\"}")).statusCode()).isEqualTo(422);
    assertThat(documented("redeemGiftCard", post("/api/giftcards/redeem", null, "{}")).statusCode()).isEqualTo(401);
    assertThat(HttpTestClient.body(documented("getWallet", get("/api/wallet", customer))).getLong("balanceCents"))
        .isEqualTo(3_500);
  }

  private static HttpResponse<String> get(String path, String token) {
    var b = http.request(path).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build());
  }

  private static DeadLetter parked(String queue, String body) {
    var letter = new DeadLetter(UUID.randomUUID(), queue, "product.created", "product.created", UUID.randomUUID().toString(),
        "contract", 4, "IllegalStateException: index closed", new JsonObject().put("x-attempts", 4),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Instant.now());
    var pool = PgPools.forService(vertx, pg, DeadLetterStore.SCHEMA, 1);
    try {
      Await.result(new DeadLetterStore().park(pool, letter));
    } finally {
      Await.result(pool.close());
    }
    return letter;
  }

  @Test
  @DisplayName("AI: recommendations and generation jobs answer as documented, success and problem alike")
  void ai() {
    String merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);
    var created = post("/api/products", merchant, "{\"name\":\"Oak chair\",\"priceCents\":4900,\"currency\":\"EUR\",\"tags\":[\"oak\"]}");
    assertThat(created.statusCode()).isEqualTo(201);
    String product = HttpTestClient.body(created).getString("id");
    post("/api/products", merchant, "{\"name\":\"Oak table\",\"priceCents\":9900,\"currency\":\"EUR\",\"tags\":[\"oak\"]}");
    String recommendations = "/api/products/" + product + "/recommendations?limit=5";
    Await.until(java.time.Duration.ofSeconds(30), "the index to know the product", () -> http.get(recommendations).statusCode() == 200);
    var found = documented("getRecommendations", http.get(recommendations));
    assertThat(HttpTestClient.body(found).getString("source")).isEqualTo("fallback");
    assertThat(documented("getRecommendations", http.get("/api/products/" + UUID.randomUUID() + "/recommendations")).statusCode())
        .isEqualTo(404);
    assertThat(documented("getRecommendations", http.get("/api/products/" + product + "/recommendations?limit=500")).statusCode())
        .isEqualTo(422);

    var job = documented("requestGeneration", post("/api/ai/generations", merchant,
        "{\"productId\":\"" + product + "\",\"kind\":\"image\",\"options\":{\"width\":128,\"height\":128}}"));
    assertThat(job.statusCode()).isEqualTo(202);
    String id = HttpTestClient.body(job).getString("id");
    assertThat(documented("requestGeneration", post("/api/ai/generations", merchant, "{\"productId\":\"" + product + "\"}"))
        .statusCode()).isEqualTo(422);
    assertThat(documented("requestGeneration", post("/api/ai/generations",
        platform.token(UUID.randomUUID(), Role.CUSTOMER), "{\"productId\":\"" + product + "\",\"kind\":\"image\"}")).statusCode())
        .isEqualTo(403);
    assertThat(documented("requestGeneration", post("/api/ai/generations", null, "{}")).statusCode()).isEqualTo(401);
    assertThat(documented("getGeneration", get("/api/ai/generations/" + id, merchant)).statusCode()).isEqualTo(200);
    String other = platform.token(UUID.randomUUID(), Role.MERCHANT);
    assertThat(documented("getGeneration", get("/api/ai/generations/" + id, other)).statusCode()).isEqualTo(404);
    assertThat(documented("getGenerationResult", get("/api/ai/generations/" + id + "/result", other)).statusCode()).isEqualTo(404);
    assertThat(documented("getGenerationResult", get("/api/ai/generations/" + id + "/result", null)).statusCode()).isEqualTo(401);
    Await.until(java.time.Duration.ofSeconds(30), "the job to succeed",
        () -> HttpTestClient.body(get("/api/ai/generations/" + id, merchant)).getString("status").equals("succeeded"));
    assertThat(documented("getGeneration", get("/api/ai/generations/" + id, merchant)).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("health answers match their documented schemas")
  void health() {
    assertThat(documented("getLive", http.get("/health/live")).statusCode()).isEqualTo(200);
    assertThat(documented("getReady", http.get("/health/ready")).statusCode()).isEqualTo(200);
    assertThat(http.send(http.request("/metrics").GET().build()).statusCode()).isEqualTo(200);
  }
}
