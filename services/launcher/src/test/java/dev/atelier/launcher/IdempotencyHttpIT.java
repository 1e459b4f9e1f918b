package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST /api/products over HTTP, as API.md defines it, on real PostgreSQL and Redis. */
class IdempotencyHttpIT {
  private static TestDatabase db;
  private static Platform platform;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    var config = TestServers.config(db);
    FuzzConfig.relaxLimits(config);
    platform = new Platform(config);
  }

  @AfterAll
  static void stop() {
    platform.close();
    db.close();
  }

  private static HttpResponse<String> create(String token, String key, String name) {
    var b = platform.request("/api/products").header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"priceCents\":100,\"currency\":\"EUR\"}"));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return platform.send(b.build());
  }

  private static int productsOf(UUID merchant) {
    return Platform.body(platform.get("/api/products?merchantId=" + merchant + "&limit=100")).getJsonArray("items").size();
  }

  @Test
  @DisplayName("the same key and body answer the first response again; one product exists")
  void replay() {
    UUID merchant = UUID.randomUUID();
    String token = platform.token(merchant, Role.MERCHANT);
    String key = "k-" + UUID.randomUUID();
    var first = create(token, key, "Lamp");
    var again = create(token, key, "Lamp");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(productsOf(merchant)).isEqualTo(1);
  }

  @Test
  @DisplayName("the same key with another body is 422 naming the header; no second product")
  void otherBody() {
    UUID merchant = UUID.randomUUID();
    String token = platform.token(merchant, Role.MERCHANT);
    String key = "k-" + UUID.randomUUID();
    assertThat(create(token, key, "Lamp").statusCode()).isEqualTo(201);
    var other = create(token, key, "Chair");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(Platform.body(other).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("Idempotency-Key");
    assertThat(productsOf(merchant)).isEqualTo(1);
  }

  @Test
  @DisplayName("a missing key is 400 naming the header; a bad one 422")
  void missingKey() {
    String token = platform.token(UUID.randomUUID(), Role.MERCHANT);
    var missing = create(token, null, "Lamp");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Platform.body(missing).getString("detail")).contains("Idempotency-Key");
    assertThat(create(token, "has space", "Lamp").statusCode()).isEqualTo(422);
  }

  @Test
  @DisplayName("two users' equal keys never collide")
  void perUser() {
    String key = "shared-" + UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    var first = create(platform.token(a, Role.MERCHANT), key, "Lamp");
    var second = create(platform.token(b, Role.MERCHANT), key, "Lamp");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(Platform.body(second).getString("id")).isNotEqualTo(Platform.body(first).getString("id"));
    assertThat(Platform.body(second).getString("merchantId")).isEqualTo(b.toString());
  }

  @Test
  @DisplayName("20 concurrent requests with one key: one product; the others replay it or are told it is in flight")
  void concurrent() throws Exception {
    UUID merchant = UUID.randomUUID();
    String token = platform.token(merchant, Role.MERCHANT);
    String key = "k-" + UUID.randomUUID();
    var pool = Executors.newFixedThreadPool(20);
    try {
      var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
      for (int i = 0; i < 20; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> create(token, key, "Lamp"), pool));
      }
      var statuses = new ArrayList<Integer>();
      var ids = new HashSet<String>();
      for (var a : answers) {
        HttpResponse<String> r = a.get();
        statuses.add(r.statusCode());
        if (r.statusCode() == 201) {
          ids.add(Platform.body(r).getString("id"));
        }
      }
      assertThat(statuses).isSubsetOf(201, 409).contains(201);
      assertThat(ids).hasSize(1);
      assertThat(productsOf(merchant)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a request the service refused (409) releases its key: a corrected request may reuse it")
  void failureReleases() {
    String token = platform.token(UUID.randomUUID(), Role.MERCHANT);
    String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(createWithSku(token, "k-" + UUID.randomUUID(), sku).statusCode()).isEqualTo(201);
    String key = "k-" + UUID.randomUUID();
    assertThat(createWithSku(token, key, sku).statusCode()).as("the SKU is taken").isEqualTo(409);
    assertThat(createWithSku(token, key, sku + "-2").statusCode()).as("nothing was stored for the refused request")
        .isEqualTo(201);
  }

  private static HttpResponse<String> createWithSku(String token, String key, String sku) {
    String body = "{\"name\":\"Lamp\",\"priceCents\":100,\"currency\":\"EUR\",\"variants\":[{\"sku\":\"" + sku
        + "\",\"name\":\"v\",\"priceCents\":100,\"stock\":1}]}";
    return platform.send(platform.request("/api/products").header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }
}
