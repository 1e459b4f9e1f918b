package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.launcher.bench.StandInModel;
import dev.atelier.launcher.bench.StandInModel.Mode;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Recommendations over HTTP with a stand-in for the remote model in its three modes: every answer
 * comes within the model's timeout plus a small margin, with the right {@code source}; the breaker
 * opens (the stand-in stops being called) and closes again once the model is healthy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationsIT {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecommendationsIT.class);
  private static final long TIMEOUT_MS = 120;
  private static final int MAX_FAILURES = 3;
  // what a fallback may add to the model's budget here: the hop through gateway, bus and index on
  // a 2-core machine shared with PostgreSQL, Redis and RabbitMQ
  private static final long MARGIN_MS = 80;
  private static TestDatabase db;
  private static Platform platform;
  private static StandInModel model;
  private static final List<UUID> products = new ArrayList<>();
  private static String merchant;
  // every request asks for its own limit, so no answer comes from the cache unless a test wants it
  private static final AtomicInteger limits = new AtomicInteger(1);
  private static final AtomicInteger recoveryLimits = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    model = StandInModel.start();
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    FuzzConfig.relaxLimits(config);
    config.getJsonObject("ai").getJsonObject("model").put("url", model.url("/recommend"))
        .put("timeoutMillis", TIMEOUT_MS).put("maxFailures", MAX_FAILURES).put("resetMillis", 1000)
        // the breaker counts failures per whole second of its window: sequential 120 ms timeouts
        // straddling a second's edge would need more than MAX_FAILURES in a 1 s window
        .put("failureWindowMillis", 10_000);
    platform = new Platform(config);
    merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);
    String[][] catalog = {
        {"Oak dining chair", "oak,chair,dining", "12000"}, {"Walnut dining chair", "walnut,chair,dining", "14000"},
        {"Oak dining table", "oak,table,dining", "40000"}, {"Oak side table", "oak,table", "9000"},
        {"Stoneware mug", "mug,kitchen", "1500"}, {"Porcelain tea mug", "mug,kitchen,tea", "1800"},
        {"Linen cushion", "linen,cushion", "2500"}, {"Wool cushion", "wool,cushion", "3500"},
        {"Brass desk lamp", "lamp,brass", "8000"}, {"Paper floor lamp", "lamp,paper", "6000"}};
    for (String[] p : catalog) {
      var tags = new JsonArray();
      for (String t : p[1].split(",")) {
        tags.add(t);
      }
      var body = new JsonObject().put("name", p[0]).put("description", p[0] + " from our workshop")
          .put("priceCents", Long.parseLong(p[2])).put("currency", "EUR").put("tags", tags).put("stock", 5);
      var r = platform.json("POST", "/api/products", merchant, body.encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      products.add(UUID.fromString(Platform.body(r).getString("id")));
    }
    // the products reach the AI service as events: wait until the index knows the last one
    UUID last = products.get(products.size() - 1);
    Await.until(Duration.ofSeconds(30), "the index to know every product",
        () -> platform.get("/api/products/" + last + "/recommendations?limit=1").statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    platform.close();
    db.close();
    model.close();
  }

  private record Answer(int status, JsonObject body, long millis) {
    String source() {
      return body.getString("source");
    }

    List<UUID> ids() {
      var ids = new ArrayList<UUID>();
      body.getJsonArray("items").forEach(i -> ids.add(UUID.fromString(((JsonObject) i).getString("productId"))));
      return ids;
    }
  }

  private static Answer recommend(UUID product, int limit) {
    long start = System.nanoTime();
    HttpResponse<String> r = platform.get("/api/products/" + product + "/recommendations?limit=" + limit);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Answer(r.statusCode(), r.statusCode() == 200 ? Platform.body(r) : new JsonObject(), millis);
  }

  private static Answer recommend(UUID product) {
    return recommend(product, 1 + limits.getAndIncrement() % 9);
  }

  private static UUID product(int i) {
    return products.get(i % products.size());
  }

  @Test
  @Order(1)
  @DisplayName("healthy: the model's ranking (source model), sent the product; its answer is cached until the product changes")
  void healthy() throws Exception {
    model.mode(Mode.HEALTHY);
    // a cold JVM's first calls may miss the 120 ms budget and open the breaker: start from a model that answers
    Await.until(Duration.ofSeconds(15), "the model to answer", () -> "model".equals(recommend(product(1)).source()));
    int before = model.calls();
    Answer a = recommend(product(0), 20);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.source()).isEqualTo("model");
    assertThat(a.ids()).hasSize(products.size() - 1).doesNotContain(product(0)).allMatch(products::contains);
    assertThat(model.calls()).isEqualTo(before + 1);
    assertThat(model.lastBody().getJsonObject("product").getString("name")).isEqualTo("Oak dining chair");
    // the stand-in ranks the index's candidates in reverse: the answer is its ranking, not the index's
    var candidates = new ArrayList<UUID>();
    model.lastBody().getJsonArray("candidates").forEach(c -> candidates.add(UUID.fromString(((JsonObject) c).getString("productId"))));
    java.util.Collections.reverse(candidates);
    assertThat(a.ids()).isEqualTo(candidates);

    Answer again = recommend(product(0), 20);
    assertThat(again.source()).isEqualTo("model");
    assertThat(again.ids()).isEqualTo(a.ids());
    assertThat(model.calls()).as("a cached answer").isEqualTo(before + 1);

    var patched = platform.json("PATCH", "/api/products/" + product(0), merchant, "{\"priceCents\":12500}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    Await.until(Duration.ofSeconds(20), "the product change to drop the cached answer", () -> {
      recommend(product(0), 20);
      return model.calls() > before + 1;
    });
  }

  @Test
  @Order(2)
  @DisplayName("hanging: every answer within the timeout plus a margin, from the index; the breaker opens, then closes when the model is back")
  void hanging() throws Exception {
    model.mode(Mode.HANGING);
    forgetCachedAnswers();
    int before = model.calls();
    long slowest = 0;
    for (int i = 0; i < MAX_FAILURES + 6; i++) {
      Answer a = recommend(product(i + 1));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.source()).isEqualTo("fallback");
      assertThat(a.ids()).isNotEmpty();
      slowest = Math.max(slowest, a.millis());
    }
    assertThat(slowest).as("slowest answer (ms) with the model hanging").isLessThanOrEqualTo(TIMEOUT_MS + MARGIN_MS);
    int reached = model.calls();
    assertThat(reached - before).as("calls before the breaker opened").isEqualTo(MAX_FAILURES);
    long openSlowest = 0;
    for (int i = 0; i < 10; i++) {
      Answer a = recommend(product(i));
      assertThat(a.source()).isEqualTo("fallback");
      openSlowest = Math.max(openSlowest, a.millis());
    }
    assertThat(model.calls()).as("no calls while the breaker is open").isEqualTo(reached);
    assertThat(openSlowest).as("slowest answer (ms) with the breaker open").isLessThan(TIMEOUT_MS);
    log.info("model hanging: slowest answer {} ms (timeout {} ms); breaker open: slowest {} ms", slowest, TIMEOUT_MS, openSlowest);
    recovers();
  }

  @Test
  @Order(3)
  @DisplayName("failing (500s): fallback at once; the breaker opens after the failures, and closes again")
  void failing() throws Exception {
    model.mode(Mode.FAILING);
    forgetCachedAnswers();
    int before = model.calls();
    for (int i = 0; i < MAX_FAILURES + 5; i++) {
      Answer a = recommend(product(i + 3));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.source()).isEqualTo("fallback");
      assertThat(a.millis()).isLessThanOrEqualTo(TIMEOUT_MS + MARGIN_MS);
    }
    assertThat(model.calls() - before).as("calls before the breaker opened").isEqualTo(MAX_FAILURES);
    recovers();
  }

  // model answers cached by an earlier test would answer "model" while the stand-in hangs or fails
  private static void forgetCachedAnswers() {
    var keys = new ArrayList<String>();
    for (UUID p : products) {
      for (int limit = 1; limit <= 50; limit++) {
        keys.add("ai:reco:" + p + ":" + limit);
      }
    }
    var redis = io.vertx.redis.client.Redis.createClient(platform.vertx, platform.config.getJsonObject("redis").getString("url"));
    try {
      Await.result(io.vertx.redis.client.RedisAPI.api(redis).del(keys));
    } finally {
      redis.close();
    }
  }

  private static void recovers() throws Exception {
    model.mode(Mode.HEALTHY);
    Set<String> sources = new HashSet<>();
    // limits of 21 and up: the model's answers cached here must not answer a later test's 1-9
    Await.until(Duration.ofSeconds(15), "the breaker to close and the model to answer again", () -> {
      Answer a = recommend(product(5), 21 + recoveryLimits.getAndIncrement() % 29);
      sources.add(a.source());
      return "model".equals(a.source());
    });
    assertThat(recommend(product(6), 21 + recoveryLimits.getAndIncrement() % 29).source()).isEqualTo("model");
  }

  @Test
  @Order(4)
  @DisplayName("a deleted product leaves the index: 404 for it, and it is in nobody's answer")
  void deleted() {
    UUID gone = product(9);
    var r = platform.json("DELETE", "/api/products/" + gone, merchant, null);
    assertThat(r.statusCode()).isEqualTo(204);
    Await.until(Duration.ofSeconds(20), "the deletion to reach the index", () -> recommend(gone).status() == 404);
    assertThat(recommend(product(8), 20).ids()).doesNotContain(gone);
    assertThat(recommend(UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(platform.get("/api/products/" + product(1) + "/recommendations?limit=51").statusCode()).isEqualTo(422);
    assertThat(platform.get("/api/products/not-a-uuid/recommendations").statusCode()).isIn(400, 422);
  }
}
