package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The order saga end to end over HTTP, on one platform with every service (catalog, payments,
 * orders) and this machine's PostgreSQL, Redis and RabbitMQ (embedded ones where none answer):
 * concurrency must lose no money and no stock, and the invariant checker must find nothing.
 */
class OrdersSagaIT {
  private static final Duration SETTLED = Duration.ofSeconds(60);
  private static TestDatabase db;
  private static Platform platform;
  private static PgSettings pg;
  private static ExecutorService clients;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    FuzzConfig.relaxLimits(config);
    platform = new Platform(config);
    pg = PgSettings.from(config);
    clients = Executors.newFixedThreadPool(32);
  }

  @AfterAll
  static void stop() {
    clients.shutdownNow();
    platform.close();
    db.close();
  }

  @Test
  @DisplayName("200 concurrent orders of 1 unit for stock 50: exactly 50 CONFIRMED, 150 CANCELLED out_of_stock, stock 0")
  void stockIsNeverOversold() throws Exception {
    UUID product = product(50, 1_000);
    List<UUID> customers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      UUID c = UUID.randomUUID();
      topUp(c, 10 * 1_000);
      customers.add(c);
    }
    List<CompletableFuture<HttpResponse<String>>> placing = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      UUID customer = customers.get(i % customers.size());
      placing.add(CompletableFuture.supplyAsync(() -> placeRetrying(customer, "k-" + UUID.randomUUID(), product, 1), clients));
    }
    Map<UUID, UUID> orders = accepted(placing);
    assertThat(orders).hasSize(200);

    Map<UUID, JsonObject> finals = awaitFinal(orders);
    assertThat(count(finals, "CONFIRMED", null)).isEqualTo(50);
    assertThat(count(finals, "CANCELLED", "out_of_stock")).isEqualTo(150);
    assertThat(Platform.body(platform.get("/api/products/" + product)).getInteger("stock")).isZero();
    awaitInvariants();
  }

  @Test
  @DisplayName("a wallet that covers 3 orders, 10 placed at once: exactly 3 CONFIRMED, 7 CANCELLED insufficient_funds")
  void fundsAreNeverOverspent() throws Exception {
    UUID product = product(100, 2_500);
    UUID customer = UUID.randomUUID();
    topUp(customer, 3 * 2_500);
    List<CompletableFuture<HttpResponse<String>>> placing = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      placing.add(CompletableFuture.supplyAsync(() -> placeRetrying(customer, "k-" + UUID.randomUUID(), product, 1), clients));
    }
    Map<UUID, JsonObject> finals = awaitFinal(accepted(placing));
    assertThat(count(finals, "CONFIRMED", null)).isEqualTo(3);
    assertThat(count(finals, "CANCELLED", "insufficient_funds")).isEqualTo(7);
    awaitInvariants();
    JsonObject wallet = Platform.body(platform.json("GET", "/api/wallet", token(customer), null));
    assertThat(wallet.getLong("balanceCents")).isZero();
    assertThat(wallet.getLong("heldCents")).isZero();
    assertThat(Platform.body(platform.get("/api/products/" + product)).getInteger("stock")).isEqualTo(97);
  }

  @Test
  @DisplayName("the same order sent 20 times at once with one Idempotency-Key: one order, one hold")
  void oneKeyOneOrder() throws Exception {
    UUID product = product(100, 700);
    UUID customer = UUID.randomUUID();
    topUp(customer, 10_000);
    String key = "k-" + UUID.randomUUID();
    List<CompletableFuture<HttpResponse<String>>> placing = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      placing.add(CompletableFuture.supplyAsync(() -> order(customer, key, product, 1), clients));
    }
    Set<String> ids = new HashSet<>();
    for (var p : placing) {
      HttpResponse<String> r = p.get();
      assertThat(r.statusCode()).as(r.body()).isIn(202, 409);
      if (r.statusCode() == 202) {
        ids.add(Platform.body(r).getString("id"));
      }
    }
    assertThat(ids).hasSize(1);
    UUID order = UUID.fromString(ids.iterator().next());
    awaitFinal(Map.of(order, customer));
    assertThat(sql("SELECT count(*) FROM orders.orders WHERE customer_id = '" + customer + "'")).isEqualTo(1);
    assertThat(sql("SELECT count(*) FROM payments.holds WHERE customer_id = '" + customer + "'")).isEqualTo(1);
    // a later replay answers the same order
    HttpResponse<String> replay = order(customer, key, product, 1);
    assertThat(Platform.body(replay).getString("id")).isEqualTo(order.toString());
  }

  @Test
  @DisplayName("a customer cancels a PENDING order: CANCELLED cancelled_by_customer, stock and funds back; a second cancel is 409")
  void customerCancels() throws Exception {
    UUID product = product(5, 1_500);
    UUID customer = UUID.randomUUID();
    topUp(customer, 1_500);
    HttpResponse<String> placed = order(customer, "k-" + UUID.randomUUID(), product, 2);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    UUID id = UUID.fromString(Platform.body(placed).getString("id"));
    HttpResponse<String> cancel = platform.json("POST", "/api/orders/" + id + "/cancel", token(customer), null);
    // the saga may have decided first (here: too little money for 2, so CANCELLED insufficient_funds)
    assertThat(cancel.statusCode()).as(cancel.body()).isIn(202, 409);
    JsonObject order = awaitFinal(Map.of(id, customer)).get(id);
    assertThat(order.getString("status")).isEqualTo("CANCELLED");
    assertThat(platform.json("POST", "/api/orders/" + id + "/cancel", token(customer), null).statusCode()).isEqualTo(409);
    awaitInvariants();
    Await.until(SETTLED, "stock given back", () ->
        Platform.body(platform.get("/api/products/" + product)).getInteger("stock") == 5);
    JsonObject wallet = Platform.body(platform.json("GET", "/api/wallet", token(customer), null));
    assertThat(wallet.getLong("balanceCents")).isEqualTo(1_500);
  }

  @Test
  @DisplayName("orders are private: another customer's order is 404, a merchant is 403, bad input is a 422 naming the field")
  void ownershipAndValidation() {
    UUID product = product(5, 100);
    UUID owner = UUID.randomUUID();
    topUp(owner, 1_000);
    UUID id = UUID.fromString(Platform.body(order(owner, "k-" + UUID.randomUUID(), product, 1)).getString("id"));
    assertThat(platform.json("GET", "/api/orders/" + id, token(UUID.randomUUID()), null).statusCode()).isEqualTo(404);
    assertThat(platform.json("POST", "/api/orders/" + id + "/cancel", token(UUID.randomUUID()), null).statusCode()).isEqualTo(404);
    assertThat(platform.json("GET", "/api/orders/" + id, platform.token(owner, Role.MERCHANT), null).statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = order(owner, "k-" + UUID.randomUUID(), UUID.randomUUID(), 1);
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(Platform.body(unknown).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("items[0].productId");
    HttpResponse<String> zero = order(owner, "k-" + UUID.randomUUID(), product, 0);
    assertThat(zero.statusCode()).isEqualTo(422);
    Await.until(SETTLED, "the read model lists it", () -> Platform.body(
        platform.json("GET", "/api/orders", token(owner), null)).getJsonArray("items").size() == 1);
  }

  // ---- helpers

  private static String token(UUID customer) {
    return platform.token(customer, Role.CUSTOMER);
  }

  private static UUID product(int stock, long priceCents) {
    String merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);
    var r = platform.send(platform.request("/api/products").header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + merchant).header("Idempotency-Key", "p-" + UUID.randomUUID())
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Walnut desk\",\"priceCents\":" + priceCents
            + ",\"currency\":\"EUR\",\"stock\":" + stock + "}")).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return UUID.fromString(Platform.body(r).getString("id"));
  }

  private static void topUp(UUID customer, long cents) {
    var r = platform.send(platform.request("/api/wallet/top-ups").header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token(customer)).header("Idempotency-Key", "t-" + UUID.randomUUID())
        .POST(HttpRequest.BodyPublishers.ofString("{\"amountCents\":" + cents + "}")).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static HttpResponse<String> order(UUID customer, String key, UUID product, int quantity) {
    return platform.send(platform.request("/api/orders").header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token(customer)).header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}]}"))
        .build());
  }

  /**
   * As a well-behaved client places an order: a 503 (overloaded, e.g. no pooled connection in time on
   * this small machine) or a 409 (the same key still in flight) is retried with the same key after a
   * moment, so the retry can never place a second order.
   */
  private static HttpResponse<String> placeRetrying(UUID customer, String key, UUID product, int quantity) {
    List<HttpResponse<String>> last = new ArrayList<>(List.of(order(customer, key, product, quantity)));
    Await.until(SETTLED, "an answer other than 503 or 409 for key " + key, () -> {
      int status = last.get(0).statusCode();
      if (status != 503 && status != 409) {
        return true;
      }
      last.set(0, order(customer, key, product, quantity));
      return false;
    });
    return last.get(0);
  }

  /** Order id to customer, for every answer that accepted an order. */
  private static Map<UUID, UUID> accepted(List<CompletableFuture<HttpResponse<String>>> placing) throws Exception {
    Map<UUID, UUID> out = new HashMap<>();
    for (var p : placing) {
      HttpResponse<String> r = p.get();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonObject body = Platform.body(r);
      assertThat(body.getString("status")).isEqualTo("PENDING");
      out.put(UUID.fromString(body.getString("id")), UUID.fromString(body.getString("customerId")));
    }
    return out;
  }

  /** Polls each order (as its owner) until it is CONFIRMED or CANCELLED. */
  private static Map<UUID, JsonObject> awaitFinal(Map<UUID, UUID> orders) {
    Map<UUID, JsonObject> finals = new HashMap<>();
    Await.until(SETTLED, "every order decided", () -> {
      for (var e : orders.entrySet()) {
        if (finals.containsKey(e.getKey())) {
          continue;
        }
        JsonObject o = Platform.body(platform.json("GET", "/api/orders/" + e.getKey(), token(e.getValue()), null));
        if (!"PENDING".equals(o.getString("status"))) {
          finals.put(e.getKey(), o);
        }
      }
      return finals.size() == orders.size();
    });
    return finals;
  }

  private static long count(Map<UUID, JsonObject> orders, String status, String reason) {
    return orders.values().stream().filter(o -> status.equals(o.getString("status"))
        && (reason == null || reason.equals(o.getString("cancelReason")))).count();
  }

  /** The participants finish their part (capture, release) just after the decision: wait for quiet. */
  private static void awaitInvariants() {
    List<InvariantCheck.Violation>[] last = new List[1];
    try {
      var rules = InvariantCheck.rules();
      Await.until(SETTLED, "the invariants to hold", () -> {
        try {
          last[0] = InvariantCheck.check(pg, rules);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return last[0].isEmpty();
      });
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (AssertionError e) {
      throw new AssertionError("invariants broken: " + last[0], e);
    }
  }

  private static long sql(String query) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         ResultSet rs = c.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
