package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.embedded.EmbeddedPostgresServer;
import dev.atelier.embedded.EmbeddedRedisServer;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Dependencies that die and come back. This class owns its PostgreSQL and Redis (real servers,
 * embedded, on ports of their own) so it can stop them without touching other tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
  private static final Duration RECOVERY = Duration.ofSeconds(30);
  private static Path pgData;
  private static Path pgBin;
  private static int pgPort;
  private static EmbeddedPostgresServer pg;
  private static EmbeddedRedisServer redis;
  private static Platform platform;
  private static String merchant;

  @BeforeAll
  static void start() {
    pgData = TestServers.tempDir("faults-pg");
    pgBin = TestServers.pgBinaries();
    pgPort = TestServers.freePort();
    pg = EmbeddedPostgresServer.start(pgData, pgBin, pgPort);
    redis = EmbeddedRedisServer.start(TestServers.tempDir("faults-redis"), TestServers.freePort());
    JsonObject config = TestServers.config(pg.url(), redis.url());
    config.getJsonObject("redis").put("timeoutMillis", 100);
    config.getJsonObject("breaker").put("resetMillis", 300);
    platform = new Platform(config);
    merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);
  }

  @AfterAll
  static void stop() {
    platform.close();
    redis.close();
    pg.close();
  }

  private static String createProduct(long price) {
    var r = platform.json("POST", "/api/products", merchant,
        "{\"name\":\"Lamp\",\"priceCents\":" + price + ",\"currency\":\"EUR\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    return Platform.body(r).getString("id");
  }

  private static String ready() {
    return Platform.body(platform.get("/health/ready")).getString("status");
  }

  @Test
  @Order(1)
  @DisplayName("Redis down: reads come from Postgres, ready says DEGRADED; Redis back: hits return by themselves")
  void redisOutage() {
    String id = createProduct(1_000);
    platform.get("/api/products/" + id);
    assertThat(platform.get("/api/products/" + id).headers().firstValue("X-Cache")).hasValue("hit");

    redis.stop();

    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = platform.get("/api/products/" + id);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("X-Cache")).hasValue("miss");
      assertThat(Platform.body(r).getLong("priceCents")).isEqualTo(1_000L);
    }
    var readiness = platform.get("/health/ready");
    assertThat(readiness.statusCode()).isEqualTo(200);
    JsonObject body = Platform.body(readiness);
    assertThat(body.getString("status")).isEqualTo("DEGRADED");
    assertThat(body.getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("DOWN");
    var patch = platform.json("PATCH", "/api/products/" + id, merchant, "{\"priceCents\":1500}");
    assertThat(patch.statusCode()).as("writes do not need the cache").isEqualTo(200);

    redis.restart();

    Await.until(RECOVERY, "ready to be UP again", () -> "UP".equals(ready()));
    Await.until(RECOVERY, "cache hits to return", () ->
        platform.get("/api/products/" + id).headers().firstValue("X-Cache").orElse("").equals("hit"));
    assertThat(Platform.body(platform.get("/api/products/" + id)).getLong("priceCents")).isEqualTo(1_500L);
  }

  @Test
  @Order(2)
  @DisplayName("Redis refusing writes: an update's eviction fails, is retried, and the stale entry goes without waiting for its TTL")
  void evictionRetried() {
    String id = createProduct(3_000);
    platform.get("/api/products/" + id);
    assertThat(platform.get("/api/products/" + id).headers().firstValue("X-Cache")).hasValue("hit");
    var admin = RedisAPI.api(Redis.createClient(platform.vertx, redis.url()));

    // reads still answer, writes (the eviction script) hang past the cache's 100 ms timeout
    Await.result(admin.client(List.of("PAUSE", "1500", "WRITE")));
    var patch = platform.json("PATCH", "/api/products/" + id, merchant, "{\"priceCents\":3500}");
    assertThat(patch.statusCode()).isEqualTo(200);
    // drop the connections holding the blocked eviction, so it is lost rather than run late
    Await.result(admin.client(List.of("KILL", "TYPE", "normal", "SKIPME", "yes")));
    assertThat(String.valueOf(Await.result(admin.get("product:" + id)))).as("stale until the retry").startsWith("1:");

    Await.until(RECOVERY, "the retried eviction to replace the stale entry", () ->
        String.valueOf(Await.result(admin.get("product:" + id))).startsWith("2:"));
    assertThat(Platform.body(platform.get("/api/products/" + id)).getLong("priceCents")).isEqualTo(3_500L);
  }

  @Test
  @Order(3)
  @DisplayName("Postgres down: 503 problem+json with Retry-After, ready 503; Postgres back: served again without a restart")
  void postgresOutage() {
    String cached = createProduct(2_000);
    platform.get("/api/products/" + cached);

    pg.close();

    String uncached = UUID.randomUUID().toString();
    long started = System.nanoTime();
    HttpResponse<String> r = platform.get("/api/products/" + uncached);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(millis).as("answers rather than hangs").isLessThan(5_000);
    var write = platform.json("POST", "/api/products", merchant, "{\"name\":\"X\",\"priceCents\":1,\"currency\":\"EUR\"}");
    assertThat(write.statusCode()).isEqualTo(503);
    var readiness = platform.get("/health/ready");
    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(Platform.body(readiness).getString("status")).isEqualTo("DOWN");
    assertThat(Platform.body(readiness).getJsonObject("checks").getJsonObject("catalog").getString("status")).isEqualTo("DOWN");

    pg = EmbeddedPostgresServer.start(pgData, pgBin, pgPort);

    Await.until(RECOVERY, "ready to be UP again", () -> "UP".equals(ready()));
    Await.until(RECOVERY, "writes to succeed again", () -> platform.json("POST", "/api/products", merchant,
        "{\"name\":\"Back\",\"priceCents\":1,\"currency\":\"EUR\"}").statusCode() == 201);
    assertThat(platform.get("/api/products/" + uncached).statusCode()).isEqualTo(404);
  }
}
