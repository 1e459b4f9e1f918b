package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.runtime.redis.RedisClients;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Leased tokens: far fewer Redis calls for a busy caller, and the limit still holds within one lease. */
class RateLeasesIT {
  private static Vertx vertx;
  private static Redis redis;
  private static RateLimiter limiter;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = RedisClients.create(vertx, TestServers.config("", TestServers.redisUrl()));
    limiter = new RateLimiter(redis, Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  @DisplayName("a lease is a twentieth of a second of the rate, at most a tenth of the burst, at least one token")
  void leaseSize() {
    assertThat(RateLeases.leaseSize(new RateLimit(20, 40))).isEqualTo(1);
    assertThat(RateLeases.leaseSize(new RateLimit(50, 100))).isEqualTo(2);
    assertThat(RateLeases.leaseSize(new RateLimit(100_000, 100_000))).isEqualTo(5_000);
    assertThat(RateLeases.leaseSize(new RateLimit(2_000, 30))).isEqualTo(3);
    assertThat(RateLeases.leaseSize(new RateLimit(0.1, 5))).isEqualTo(1);
  }

  @Test
  @DisplayName("200 takes on a bucket of 100 (rate 1/s): at most the burst plus one lease pass, from few Redis calls")
  void limitHolds() {
    String key = "rl:it-lease:" + UUID.randomUUID();
    var limit = new RateLimit(1, 100);  // lease size 1: exact
    var wide = new RateLimit(2_000, 100);  // lease size 10
    assertThat(allowed(key, limit, 200)).isBetween(100, 101);
    String busy = "rl:it-lease:" + UUID.randomUUID();
    long before = evalCalls();
    int allowed = allowed(busy, wide, 100);
    long calls = evalCalls() - before;
    assertThat(allowed).as("the burst, and refill while the test runs").isBetween(100, 100 + 10 + 2_000 / 5);
    assertThat(calls).as("Redis script calls for 100 takes").isLessThanOrEqualTo(25);
  }

  @Test
  @DisplayName("Redis away: an ordinary limit fails open, a credentials limit falls back to a bucket in memory")
  void strictLimitsDoNotFailOpen() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var gone = new RateLimiter(RedisClients.create(vertx, TestServers.config("", "redis://127.0.0.1:" + closedPort)),
        Duration.ofMillis(200));
    var limit = new RateLimit(0.001, 3);
    Context ctx = vertx.getOrCreateContext();
    Promise<List<Boolean>> done = Promise.promise();
    ctx.runOnContext(v -> {
      var leases = new RateLeases(gone, Duration.ofSeconds(1));
      var results = new ArrayList<Boolean>();
      Future<?> chain = Future.succeededFuture();
      for (int i = 0; i < 5; i++) {
        chain = chain.compose(x -> leases.take("rl:strict", limit, true).map(d -> results.add(d.allowed())))
            .compose(x -> leases.take("rl:open", limit, false).map(d -> results.add(d.allowed())));
      }
      chain.onComplete(ar -> done.complete(results));
    });
    List<Boolean> results = Await.result(done.future());
    var strict = new ArrayList<Boolean>();
    var open = new ArrayList<Boolean>();
    for (int i = 0; i < results.size(); i++) {
      (i % 2 == 0 ? strict : open).add(results.get(i));
    }
    assertThat(strict).containsExactly(true, true, true, false, false);
    assertThat(open).containsOnly(true);
  }

  /** Takes {@code n} tokens one after another on one event loop, as a gateway instance does. */
  private static int allowed(String key, RateLimit limit, int n) {
    Context ctx = vertx.getOrCreateContext();
    Promise<Integer> done = Promise.promise();
    ctx.runOnContext(v -> {
      var leases = new RateLeases(limiter, Duration.ofSeconds(1));
      takeNext(leases, key, limit, n, new ArrayList<>(), done);
    });
    return Await.result(done.future());
  }

  private static void takeNext(RateLeases leases, String key, RateLimit limit, int left, List<Boolean> results,
                               Promise<Integer> done) {
    if (left == 0) {
      done.complete((int) results.stream().filter(b -> b).count());
      return;
    }
    leases.take(key, limit).onComplete(ar -> {
      results.add(ar.result().allowed());
      takeNext(leases, key, limit, left - 1, results, done);
    });
  }

  private static long evalCalls() {
    String info = Await.result(redis.send(Request.cmd(Command.INFO).arg("commandstats"))).toString();
    long calls = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        calls += Long.parseLong(line.replaceAll(".*calls=(\\d+).*", "$1"));
      }
    }
    return calls;
  }
}
