package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import dev.atelier.runtime.service.ServiceModules;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Throws a few thousand malformed or mutated requests at every route the gateway serves, built from
 * the routes' own declarations, and requires that none is answered with a 5xx or left hanging.
 */
class FuzzIT {
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 4_000);
  private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
  private static final int IN_FLIGHT = 16;
  private static final long TIMEOUT_MILLIS = 10_000;
  private static TestDatabase db;
  private static Platform platform;
  private static Vertx clientVertx;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    var config = TestServers.config(db);
    FuzzConfig.relaxLimits(config);
    platform = new Platform(config);
    clientVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(clientVertx.close());
    platform.close();
    db.close();
  }

  @Test
  @DisplayName("a few thousand malformed requests at every route: no 5xx, no hang")
  void noServerErrors() {
    var services = Downstream.of(platform.vertx, Bus.of(platform.vertx, platform.config), platform.config);
    var routes = new ArrayList<ApiRoute>();
    for (ServiceModule m : ServiceModules.discover()) {
      routes.addAll(m.routes(new RouteContext(platform.vertx, services, platform.config)));
    }
    assertThat(routes).isNotEmpty();
    var tokens = List.of(platform.token(UUID.randomUUID(), Role.CUSTOMER), platform.token(UUID.randomUUID(), Role.MERCHANT),
        platform.token(UUID.randomUUID(), Role.ADMIN));
    var fuzzer = new RequestFuzzer(SEED, tokens);
    var requests = new ArrayList<RequestFuzzer.FuzzRequest>();
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(fuzzer.next(routes));
    }

    HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(platform.port).setMaxInitialLineLength(65536), new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    var workers = new ArrayList<Future<Void>>();
    for (int w = 0; w < IN_FLIGHT; w++) {
      Promise<Void> done = Promise.promise();
      clientVertx.runOnContext(v -> sendNext(client, requests, next, statuses, serverErrors, done));
      workers.add(done.future());
    }
    // 4,000 requests at every route: ~10 s on a quiet machine, several times that on a busy one;
    // a hang would still end here (each request also has the gateway's own timeout)
    Await.result(Future.all(workers), java.time.Duration.ofMinutes(3));

    var summary = new TreeMap<Integer, Integer>();
    statuses.forEach((k, v) -> summary.put(k, v.get()));
    System.out.println("fuzz: " + REQUESTS + " requests, seed " + SEED + ", statuses " + summary);
    assertThat(serverErrors).as("requests answered 5xx or not at all").isEmpty();
    assertThat(summary.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    assertThat(summary.getOrDefault(0, 0)).as("requests the client could not send").isLessThan(REQUESTS / 20);
    assertThat(summary.keySet()).as("the fuzzer reached past validation too").contains(200, 401, 422);
  }

  private static void sendNext(HttpClient client, List<RequestFuzzer.FuzzRequest> requests, AtomicInteger next,
                               Map<Integer, AtomicInteger> statuses, List<String> serverErrors, Promise<Void> done) {
    int n = next.getAndIncrement();
    if (n >= requests.size()) {
      done.complete();
      return;
    }
    var fr = requests.get(n);
    RequestOptions options;
    try {
      options = options(fr);
    } catch (IllegalArgumentException unsendable) {
      // a header value this client refuses to put on the wire (a NUL, say): nothing to learn
      statuses.computeIfAbsent(0, k -> new AtomicInteger()).incrementAndGet();
      sendNext(client, requests, next, statuses, serverErrors, done);
      return;
    }
    client.request(options)
        .compose(req -> fr.body() == null ? req.send() : req.send(Buffer.buffer(fr.body())))
        .compose(resp -> resp.body().map(resp.statusCode()))
        .onComplete(ar -> {
          int status = ar.succeeded() ? ar.result() : -1;
          statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
          if (status < 0 || status >= 500) {
            serverErrors.add(status + " for " + fr + (ar.failed() ? " (" + ar.cause() + ")" : ""));
          }
          sendNext(client, requests, next, statuses, serverErrors, done);
        });
  }

  private static RequestOptions options(RequestFuzzer.FuzzRequest fr) {
    var options = new RequestOptions().setMethod(HttpMethod.valueOf(fr.method())).setURI(fr.path())
        .setTimeout(TIMEOUT_MILLIS);
    if (!fr.contentType().isEmpty()) {
      options.putHeader("Content-Type", fr.contentType());
    }
    if (fr.authorization() != null) {
      options.putHeader("Authorization", fr.authorization());
    }
    if (fr.idempotencyKey() != null) {
      options.putHeader("Idempotency-Key", fr.idempotencyKey());
    }
    return options;
  }
}
