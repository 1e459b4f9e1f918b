package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import dev.atelier.runtime.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The platform as its own process (the runnable jar), killed with SIGKILL under a steady stream of
 * orders and started again: every order then reaches CONFIRMED or CANCELLED within the saga
 * deadline, and the invariant checker finds nothing.
 */
class OrdersCrashIT {
  private static final Path JAR = Path.of("target/atelier.jar");
  private static final long SAGA_DEADLINE_MILLIS = 15_000;
  private static TestDatabase db;
  private static JsonObject config;
  private static Map<String, String> env;
  private static Path log;
  private static Process node;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @BeforeAll
  static void setUp() throws Exception {
    db = TestServers.newDatabase();
    config = TestServers.config(db);
    int port = TestServers.freePort();
    config.getJsonObject("http").put("port", port);
    env = new HashMap<>();
    env.put("ATELIER_PG_URL", config.getJsonObject("pg").getString("url"));
    env.put("ATELIER_REDIS_URL", config.getJsonObject("redis").getString("url"));
    env.put("ATELIER_AMQP_URL", config.getJsonObject("amqp").getString("url"));
    env.put("ATELIER_HTTP_PORT", String.valueOf(port));
    env.put("ATELIER_DATA_DIR", config.getString("dataDir"));
    env.put("ATELIER_MESSAGING_EXCHANGE", config.getJsonObject("messaging").getString("exchange"));
    env.put("ATELIER_MESSAGING_QUEUE_PREFIX", config.getJsonObject("messaging").getString("queuePrefix"));
    env.put("ATELIER_RATE_LIMIT_ENABLED", "false");
    env.put("ATELIER_ORDERS_SAGA_DEADLINE_MILLIS", String.valueOf(SAGA_DEADLINE_MILLIS));
    env.put("ATELIER_JAVA_OPTS", "");
    log = Files.createTempFile("orders-crash-node", ".log");
    // tokens signed with the key the node will find in its data dir
    new TestTokens(config);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (node != null) {
      node.destroyForcibly().waitFor();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("SIGKILL under a steady stream of orders, then a restart: every order decided, the invariants hold")
  void killedAndRestarted() throws Exception {
    node = startNode();
    var tokens = new TestTokens(config);
    String merchant = tokens.issue(UUID.randomUUID(), Role.MERCHANT);
    var product = post("/api/products", merchant, "{\"name\":\"Lamp\",\"priceCents\":100,\"currency\":\"EUR\",\"stock\":100000}");
    assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
    String productId = new JsonObject(product.body()).getString("id");
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String token = tokens.issue(UUID.randomUUID(), Role.CUSTOMER);
      // funds for some orders but not all: both outcomes happen around the crash
      assertThat(post("/api/wallet/top-ups", token, "{\"amountCents\":" + (i % 2 == 0 ? 100_000 : 3_000) + "}").statusCode())
          .isEqualTo(201);
      customers.add(token);
    }

    Map<String, String> accepted = new ConcurrentHashMap<>();
    // a steady stream, one order every 25 ms, whatever state the node is in (a client keeps trying)
    var stream = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    stream.scheduleWithFixedDelay(() -> {
      String token = customers.get(next.getAndIncrement() % customers.size());
      try {
        var r = post("/api/orders", token, "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}");
        if (r.statusCode() == 202) {
          accepted.put(new JsonObject(r.body()).getString("id"), token);
        }
      } catch (Exception e) {
        // the node is down: keep trying, as a client would
      }
    }, 0, 25, java.util.concurrent.TimeUnit.MILLISECONDS);

    Await.until(Duration.ofSeconds(60), "orders accepted before the crash", () -> accepted.size() >= 100);
    node.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook, no draining
    int atCrash = accepted.size();
    node = startNode();
    Await.until(Duration.ofSeconds(60), "orders accepted after the restart", () -> accepted.size() >= atCrash + 100);
    stream.shutdown();
    assertThat(stream.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    long settle = SAGA_DEADLINE_MILLIS + 20_000;
    Await.until(Duration.ofMillis(settle), "every order in the database decided",
        () -> sqlUnchecked("SELECT count(*) FROM orders.orders WHERE status = 'PENDING'") == 0);
    assertThat(sql("SELECT count(*) FROM orders.orders")).isGreaterThanOrEqualTo(accepted.size());
    for (var e : accepted.entrySet()) {
      var r = get("/api/orders/" + e.getKey(), e.getValue());
      assertThat(new JsonObject(r.body()).getString("status")).isIn("CONFIRMED", "CANCELLED");
    }
    assertThat(sql("SELECT count(*) FROM orders.orders WHERE status = 'CONFIRMED'")).isPositive();

    var pg = PgSettings.from(config);
    var rules = InvariantCheck.rules();
    List<InvariantCheck.Violation>[] last = new List[1];
    Await.until(Duration.ofSeconds(60), "the invariants to hold", () -> {
      try {
        last[0] = InvariantCheck.check(pg, rules);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return last[0].isEmpty();
    });
    assertThat(Files.readString(log)).as("blocked-thread warnings in the node's log").doesNotContain("has been blocked for");
  }

  private static Process startNode() throws Exception {
    var pb = new ProcessBuilder(javaBinary(), "-jar", JAR.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    Await.until(Duration.ofSeconds(90), "the node ready", () -> {
      if (!p.isAlive()) {
        throw new AssertionError("the node exited: " + tail());
      }
      try {
        return get("/health/ready", null).statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    });
    return p;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static HttpResponse<String> post(String path, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("Idempotency-Key", "k-" + UUID.randomUUID())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + config.getJsonObject("http").getInteger("port") + path);
  }

  private static long sqlUnchecked(String query) {
    try {
      return sql(query);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long sql(String query) throws Exception {
    var pg = PgSettings.from(config);
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         ResultSet rs = c.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
