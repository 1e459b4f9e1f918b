package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.embedded.EmbeddedRedisServer;
import dev.atelier.runtime.ops.Metrics;
import dev.atelier.runtime.redis.RedisClients;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimiterIT {
  // a refill this slow adds no token during a test: what is allowed is exactly the burst
  private static final double NO_REFILL = 0.001;
  private static final String RUN = "rl:it-" + UUID.randomUUID() + ":";
  private static Vertx vertx;
  private static Redis redis;
  private static RateLimiter limiter;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    JsonObject config = TestServers.config("", TestServers.redisUrl());
    redis = RedisClients.create(vertx, config);
    // generous: on 2 shared cores a slow reply must not fail open and spoil an exact count
    limiter = new RateLimiter(redis, Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  private static String key(String name) {
    return RUN + name + ":" + UUID.randomUUID();
  }

  private static double failOpenCount() {
    return Metrics.registry().counter("atelier.rate.limit.fail.open").count();
  }

  @Test
  @DisplayName("a bucket allows its burst, counting down, then refuses with the wait for the next token")
  void burstThenRefusal() {
    String key = key("burst");
    var limit = new RateLimit(0.5, 3);
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RateDecision d = Await.result(limiter.take(key, limit));
      assertThat(d.allowed()).isTrue();
      assertThat(d.retryAfterSeconds()).isZero();
      remaining.add(d.remaining());
    }
    assertThat(remaining).containsExactly(2, 1, 0);

    RateDecision refused = Await.result(limiter.take(key, limit));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.limit()).isEqualTo(3);
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isEqualTo(2);   // one token at 0.5/s
    assertThat(refused.resetSeconds()).isEqualTo(6);        // three tokens at 0.5/s

    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    refused.applyHeaders(headers);
    assertThat(headers.get("RateLimit-Limit")).isEqualTo("3");
    assertThat(headers.get("RateLimit-Remaining")).isEqualTo("0");
    assertThat(headers.get("RateLimit-Reset")).isEqualTo("6");
    assertThat(headers.get("Retry-After")).isEqualTo("2");
    assertThat(limiter.degraded()).isFalse();
  }

  @Test
  @DisplayName("an allowed take sets the RateLimit headers but no Retry-After")
  void allowedHeaders() {
    RateDecision d = Await.result(limiter.take(key("headers"), new RateLimit(50, 100)));
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    d.applyHeaders(headers);
    assertThat(headers.get("RateLimit-Limit")).isEqualTo("100");
    assertThat(headers.get("RateLimit-Remaining")).isEqualTo("99");
    assertThat(headers.get("RateLimit-Reset")).isEqualTo("1");   // 1 token at 50/s: 20 ms, rounded up
    assertThat(headers.contains("Retry-After")).isFalse();
  }

  @Test
  @DisplayName("an empty bucket refills at its rate: refused now, allowed again a fraction of a second later")
  void refill() {
    String key = key("refill");
    var limit = new RateLimit(5, 1);
    assertThat(Await.result(limiter.take(key, limit)).allowed()).isTrue();
    RateDecision refused = Await.result(limiter.take(key, limit));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    long refusedAt = System.nanoTime();
    Await.until(Duration.ofSeconds(3), "a token to refill", () -> Await.result(limiter.take(key, limit)).allowed());
    // 5/s is one token per 200 ms; the first poll after that gets it
    assertThat(Duration.ofNanos(System.nanoTime() - refusedAt)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  @DisplayName("200 concurrent takes on a bucket of 50 allow exactly 50: the script is atomic")
  void concurrentTakesAreAtomic() {
    String key = key("atomic");
    var limit = new RateLimit(NO_REFILL, 50);
    double failedOpenBefore = failOpenCount();
    Promise<List<RateDecision>> all = Promise.promise();
    // sent from an event loop, as the gateway does: all 200 are in flight together
    vertx.runOnContext(v -> {
      List<Future<RateDecision>> takes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        takes.add(limiter.take(key, limit));
      }
      Future.all(takes).map(c -> c.<RateDecision>list()).onComplete(all);
    });
    List<RateDecision> decisions = Await.result(all.future());
    assertThat(failOpenCount()).isEqualTo(failedOpenBefore);
    assertThat(decisions.stream().filter(RateDecision::allowed).count()).isEqualTo(50);
    assertThat(decisions.stream().filter(RateDecision::allowed).map(RateDecision::remaining))
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
  }

  @Test
  @DisplayName("buckets are independent: an empty one does not refuse another key")
  void keysAreIndependent() {
    var limit = new RateLimit(NO_REFILL, 1);
    String a = key("a");
    String b = key("b");
    assertThat(Await.result(limiter.take(a, limit)).allowed()).isTrue();
    assertThat(Await.result(limiter.take(a, limit)).allowed()).isFalse();
    assertThat(Await.result(limiter.take(b, limit)).allowed()).isTrue();
    assertThat(Await.result(limiter.take(RateKeys.forUser("read", UUID.randomUUID()), limit)).allowed()).isTrue();
  }

  @Test
  @DisplayName("an idle bucket expires once it would be full again")
  void idleBucketsVanish() {
    String key = key("expiry");
    Await.result(limiter.take(key, new RateLimit(2, 2)));
    long pttl = Await.result(redis.send(Request.cmd(Command.PTTL).arg(key))).toLong();
    // one token to refill at 2/s (500 ms) plus the script's second of slack
    assertThat(pttl).isBetween(1_000L, 1_500L);
  }

  @Test
  @DisplayName("after SCRIPT FLUSH the limiter falls back to EVAL, which loads the script again")
  void scriptFlushed() {
    String key = key("flush");
    var limit = new RateLimit(NO_REFILL, 2);
    assertThat(Await.result(limiter.take(key, limit)).remaining()).isEqualTo(1);
    Await.result(redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")));

    RateDecision d = Await.result(limiter.take(key, limit));
    assertThat(d.allowed()).isTrue();
    assertThat(d.remaining()).isZero();
    assertThat(Await.result(limiter.take(key, limit)).allowed()).isFalse();
    assertThat(limiter.degraded()).isFalse();
  }

  @Test
  @DisplayName("Redis unreachable: requests are allowed, counted as failing open, and the limiter reports degraded")
  void failsOpenWhenRedisIsDown() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var down = new RateLimiter(RedisClients.create(vertx, TestServers.config("", "redis://127.0.0.1:" + closedPort)),
        Duration.ofMillis(250));
    assertThat(down.degraded()).isFalse();
    double before = failOpenCount();

    RateDecision d = Await.result(down.take(key("down"), new RateLimit(1, 10)));
    assertThat(d).isEqualTo(new RateDecision(true, 10, 10, 0, 0));
    assertThat(down.degraded()).isTrue();
    assertThat(failOpenCount()).isEqualTo(before + 1);
    assertThat(Await.failure(down.healthCheck().probe().get()).getMessage()).contains("rate limits are not enforced");

    assertThat(Await.result(down.take(key("down"), new RateLimit(1, 10))).allowed()).isTrue();
    assertThat(failOpenCount()).isEqualTo(before + 2);
  }

  @Test
  @DisplayName("Redis that accepts connections but never answers: allowed once redis.timeoutMillis passes")
  void failsOpenWhenRedisHangs() throws Exception {
    // a listening socket nobody accepts from: the kernel completes the handshake, nothing ever answers
    try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Redis silentRedis = RedisClients.create(vertx, TestServers.config("", "redis://127.0.0.1:" + silent.getLocalPort()));
      var hung = new RateLimiter(silentRedis, Duration.ofMillis(250));
      double before = failOpenCount();
      long started = System.nanoTime();

      RateDecision d = Await.result(hung.take(key("hung"), new RateLimit(1, 10)));
      assertThat(d.allowed()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      assertThat(hung.degraded()).isTrue();
      assertThat(failOpenCount()).isEqualTo(before + 1);
      silentRedis.close();
    }
  }

  @Test
  @DisplayName("a healthy limiter's health check is UP")
  void healthyCheck() {
    Await.result(limiter.take(key("health"), new RateLimit(1, 1)));
    assertThat(limiter.healthCheck().critical()).isFalse();
    Await.result(limiter.healthCheck().probe().get());
  }

  @Test
  @DisplayName("Redis down then back: limits fail open during the outage and are enforced again once it answers")
  void recoversWhenRedisReturns() {
    var server = EmbeddedRedisServer.start(TestServers.tempDir("rate-limit-redis"), TestServers.freePort());
    try {
      var own = new RateLimiter(RedisClients.create(vertx, TestServers.config("", server.url())), Duration.ofMillis(250));
      var limit = new RateLimit(NO_REFILL, 1);
      String before = key("before");
      assertThat(Await.result(own.take(before, limit)).allowed()).isTrue();
      assertThat(Await.result(own.take(before, limit)).allowed()).isFalse();

      server.stop();
      double failedOpenBefore = failOpenCount();
      for (int i = 0; i < 5; i++) {
        assertThat(Await.result(own.take(before, limit)).allowed()).isTrue();
      }
      assertThat(own.degraded()).isTrue();
      assertThat(failOpenCount()).isEqualTo(failedOpenBefore + 5);

      server.restart();
      String after = key("after");
      Await.until(Duration.ofSeconds(15), "Redis to answer the limiter again",
          () -> Await.result(own.take(after, limit)) != null && !own.degraded());
      assertThat(Await.result(own.take(after, limit)).allowed()).isFalse();
      Await.result(own.healthCheck().probe().get());
    } finally {
      server.close();
    }
  }
}
