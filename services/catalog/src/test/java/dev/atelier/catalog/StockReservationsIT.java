package dev.atelier.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.CreateProduct;
import dev.atelier.codecs.catalog.DeleteProduct;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ProductDraft;
import dev.atelier.codecs.catalog.ProductLookup;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.StockRejected;
import dev.atelier.codecs.catalog.VariantDraft;
import dev.atelier.codecs.orders.CancelReason;
import dev.atelier.codecs.orders.OrderCancelled;
import dev.atelier.codecs.orders.OrderConfirmed;
import dev.atelier.codecs.orders.OrderLine;
import dev.atelier.codecs.orders.OrderPlaced;
import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.messaging.ConfirmedPublisher;
import dev.atelier.runtime.messaging.BrokerNames;
import dev.atelier.runtime.messaging.OutboxRelay;
import dev.atelier.runtime.ops.Metrics;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.EventProbe;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The catalog's steps of the order saga through a real broker: order events are published to the
 * platform's events exchange as the orders service's relay would, and the stock.* events are awaited
 * on the broker (this run's own exchange and queue prefix, from TestServers).
 */
class StockReservationsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final UUID CUSTOMER = UUID.randomUUID();

  private static TestDatabase db;
  private static Vertx vertx;
  private static Context context;
  private static Bus bus;
  private static RedisAPI redis;
  private static Connection sql;
  private static ConfirmedPublisher publisher;
  private static EventProbe probe;
  private static String exchange;
  private static String queue;

  @BeforeAll
  static void deploy() throws SQLException {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    BrokerNames names = BrokerNames.from(config);
    exchange = names.exchange();
    queue = names.queue(CatalogVerticle.ORDERS_QUEUE);
    // a refused event reaches the dead letters in about a second
    config.getJsonObject("messaging").getJsonObject("consumer").put("retryDelaysMillis", new JsonArray(List.of(100, 200, 400)));
    vertx = Vertx.vertx();
    Codecs.install(vertx);
    context = vertx.getOrCreateContext();
    probe = EventProbe.start(vertx, config, "stock.*");
    var options = new DeploymentOptions().setConfig(config);
    Await.result(vertx.deployVerticle(CatalogVerticle::new, new DeploymentOptions(options).setInstances(2)));
    Await.result(vertx.deployVerticle(OutboxRelay.forSchema(config, CatalogVerticle.SERVICE), options));
    bus = new Bus(vertx, Duration.ofSeconds(5));
    redis = RedisAPI.api(Redis.createClient(vertx, TestServers.redisUrl()));
    publisher = new ConfirmedPublisher(vertx, new RabbitMQOptions().setUri(TestServers.amqpUrl()), Duration.ofSeconds(5));
    sql = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
  }

  @AfterAll
  static void undeploy() throws SQLException {
    probe.close();
    Await.result(onContext(() -> publisher.close()));
    for (String id : vertx.deploymentIDs()) {
      Await.result(vertx.undeploy(id));
    }
    deleteQueue();
    Await.result(vertx.close());
    sql.close();
    db.close();
  }

  @AfterEach
  void invariantsHold() throws Exception {
    for (var invariant : invariants().entrySet()) {
      assertThat(rows(invariant.getValue())).as("invariant " + invariant.getKey()).isEmpty();
    }
  }

  // ---- the tests

  @Test
  @DisplayName("200 concurrent orders of one unit for a stock of 50: exactly 50 reserved, 150 rejected, stock 0")
  void concurrentOrdersTakeExactlyTheStock() throws Exception {
    ProductView p = create(50);
    List<UUID> orders = new ArrayList<>();
    List<Future<Void>> published = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      UUID order = UUID.randomUUID();
      orders.add(order);
      published.add(onContext(() -> publisher(placed(order, line(p.id(), null, 1)))));
    }
    Await.result(Future.all(published));

    Await.until(WAIT, "200 reservations", () -> count(
        "SELECT count(*) FROM catalog.reservations WHERE order_id = ANY(?)", uuids(orders)) == 200);

    assertThat(statuses(orders)).containsOnlyKeys("RESERVED", "REJECTED")
        .containsEntry("RESERVED", 50L).containsEntry("REJECTED", 150L);
    assertThat(stock(p.id())).isZero();
    assertThat(count("SELECT count(*) FROM catalog.reservations WHERE order_id = ANY(?) AND status = 'REJECTED'"
        + " AND rejected_product_id = ? AND rejected_variant_sku IS NULL", uuids(orders), p.id())).isEqualTo(150);
    assertThat(count("SELECT count(*) FROM catalog.outbox WHERE type = 'stock.reserved' AND aggregate_id = ANY(?)",
        uuids(orders))).isEqualTo(50);
    assertThat(count("SELECT count(*) FROM catalog.outbox WHERE type = 'stock.rejected' AND aggregate_id = ANY(?)",
        uuids(orders))).isEqualTo(150);

    Set<UUID> reservedHere = orders("SELECT order_id FROM catalog.reservations WHERE order_id = ANY(?) AND status = 'RESERVED'",
        uuids(orders));
    Set<UUID> mine = new HashSet<>(orders);
    Set<UUID> rejectedHere = new HashSet<>(mine);
    rejectedHere.removeAll(reservedHere);
    Await.until(WAIT, "the 200 stock events on the broker", () ->
        eventOrders(CatalogApi.STOCK_RESERVED.type(), mine).size() + eventOrders(CatalogApi.STOCK_REJECTED.type(), mine).size() == 200);
    assertThat(eventOrders(CatalogApi.STOCK_RESERVED.type(), mine)).isEqualTo(reservedHere);
    assertThat(eventOrders(CatalogApi.STOCK_REJECTED.type(), mine)).isEqualTo(rejectedHere);
  }

  @Test
  @DisplayName("a multi-line order whose later line lacks stock is rejected naming that line; the earlier line's stock is untouched")
  void allOrNothing() throws Exception {
    ProductView a = create(5);
    ProductView b = create(5);
    // "first" is the line taken first (lock order), so its decrement really happens and must be undone
    boolean aFirst = Reservation.LOCK_ORDER.compare(new Reservation.Line(a.id(), null, 1), new Reservation.Line(b.id(), null, 1)) < 0;
    ProductView first = aFirst ? a : b;
    ProductView second = aFirst ? b : a;
    UUID order = UUID.randomUUID();

    publish(placed(order, line(first.id(), null, 2), line(second.id(), null, 6)));

    StockRejected rejected = probe.await(CatalogApi.STOCK_REJECTED, e -> e.orderId().equals(order)
        && e.productId().equals(second.id()));
    assertThat(rejected.variantSku()).isNull();
    assertThat(status(order)).isEqualTo("REJECTED");
    assertThat(stock(first.id())).isEqualTo(5);
    assertThat(version(first.id())).as("the savepoint undid its version bump too").isEqualTo(1L);
    assertThat(stock(second.id())).isEqualTo(5);
    assertThat(count("SELECT count(*) FROM catalog.outbox WHERE aggregate_id = ?", order)).isEqualTo(1);
  }

  @Test
  @DisplayName("a variant line takes the variant's stock, not the product's; too little of it rejects naming the SKU")
  void variantStock() throws Exception {
    String red = "RED-" + letters(6);
    String blue = "BLUE-" + letters(6);
    ProductView p = create(10, new VariantDraft(red, "Red", 5_100L, 2), new VariantDraft(blue, "Blue", 5_100L, 5));
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    publish(placed(first, line(p.id(), red, 2)));
    probe.await(CatalogApi.STOCK_RESERVED, e -> e.orderId().equals(first));
    publish(placed(second, line(p.id(), blue, 1), line(p.id(), red, 1)));
    StockRejected rejected = probe.await(CatalogApi.STOCK_REJECTED, e -> e.orderId().equals(second)
        && red.equals(e.variantSku()));

    assertThat(rejected.productId()).isEqualTo(p.id());
    assertThat(variantStock(p.id(), red)).isZero();
    assertThat(variantStock(p.id(), blue)).as("rolled back with the rejected order").isEqualTo(5);
    assertThat(stock(p.id())).as("the product's own stock").isEqualTo(10);
    assertThat(version(p.id())).as("bumped once, by the reservation that took stock").isEqualTo(2L);
    assertThat(status(first)).isEqualTo("RESERVED");
    assertThat(status(second)).isEqualTo("REJECTED");
  }

  @Test
  @DisplayName("an unknown product, an unknown SKU and a deleted product each reject, naming the line")
  void unknownOrDeletedRejects() throws Exception {
    ProductView p = create(3);
    ProductView deleted = create(3);
    Await.result(bus.request(CatalogApi.DELETE_PRODUCT, new DeleteProduct(deleted.id(), deleted.merchantId())));
    UUID unknownProduct = UUID.randomUUID();
    UUID[] orders = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

    publish(placed(orders[0], line(p.id(), null, 1), line(unknownProduct, null, 1)));
    publish(placed(orders[1], line(p.id(), null, 1), line(p.id(), "NO-SUCH-SKU", 1)));
    publish(placed(orders[2], line(p.id(), null, 1), line(deleted.id(), null, 1)));

    assertThat(probe.await(CatalogApi.STOCK_REJECTED, e -> e.orderId().equals(orders[0])).productId())
        .isEqualTo(unknownProduct);
    StockRejected noSku = probe.await(CatalogApi.STOCK_REJECTED, e -> e.orderId().equals(orders[1]));
    assertThat(noSku.productId()).isEqualTo(p.id());
    assertThat(noSku.variantSku()).isEqualTo("NO-SUCH-SKU");
    assertThat(probe.await(CatalogApi.STOCK_REJECTED, e -> e.orderId().equals(orders[2])).productId())
        .isEqualTo(deleted.id());
    assertThat(stock(p.id())).isEqualTo(3);
  }

  @Test
  @DisplayName("order.cancelled after a reservation gives the stock back and emits stock.released, once")
  void cancelAfterReserve() throws Exception {
    ProductView p = create(5);
    UUID order = UUID.randomUUID();
    publish(placed(order, line(p.id(), null, 3)));
    probe.await(CatalogApi.STOCK_RESERVED, e -> e.orderId().equals(order));
    assertThat(stock(p.id())).isEqualTo(2);

    publish(cancelled(order));
    probe.await(CatalogApi.STOCK_RELEASED, e -> e.orderId().equals(order));

    assertThat(stock(p.id())).isEqualTo(5);
    assertThat(status(order)).isEqualTo("RELEASED");
    UUID again = publish(cancelled(order));
    awaitProcessed(again);
    assertThat(stock(p.id())).as("a second cancellation gives nothing back").isEqualTo(5);
    assertThat(count("SELECT count(*) FROM catalog.outbox WHERE type = 'stock.released' AND aggregate_id = ?", order))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("order.cancelled before order.placed leaves a tombstone: the late order.placed reserves nothing and emits nothing")
  void cancelBeforePlaced() throws Exception {
    ProductView p = create(5);
    UUID order = UUID.randomUUID();

    awaitProcessed(publish(cancelled(order)));
    assertThat(status(order)).isEqualTo("RELEASED");
    awaitProcessed(publish(placed(order, line(p.id(), null, 2))));

    assertThat(stock(p.id())).isEqualTo(5);
    assertThat(status(order)).isEqualTo("RELEASED");
    assertThat(count("SELECT count(*) FROM catalog.outbox WHERE aggregate_id = ?", order)).isZero();
  }

  @Test
  @DisplayName("the same order.placed delivered twice reserves once; the same order under a new message id too")
  void placedTwice() throws Exception {
    ProductView p = create(5);
    UUID order = UUID.randomUUID();
    EventEnvelope envelope = placed(order, line(p.id(), null, 1));
    double duplicates = duplicates();

    publish(envelope);
    publish(envelope);
    Await.until(WAIT, "the redelivery seen by the inbox", () -> duplicates() >= duplicates + 1);
    awaitProcessed(publish(placed(order, line(p.id(), null, 1))));

    assertThat(stock(p.id())).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM catalog.outbox WHERE type = 'stock.reserved' AND aggregate_id = ?", order))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("order.confirmed commits the reservation (no event); a later order.cancelled is refused and parked")
  void confirmThenCancelRefused() throws Exception {
    ProductView p = create(5);
    UUID order = UUID.randomUUID();
    publish(placed(order, line(p.id(), null, 2)));
    probe.await(CatalogApi.STOCK_RESERVED, e -> e.orderId().equals(order));

    awaitProcessed(publish(envelope(OrdersApi.ORDER_CONFIRMED, order, new OrderConfirmed(order, CUSTOMER, 2_000L, "EUR"))));
    assertThat(status(order)).isEqualTo("COMMITTED");
    UUID cancel = publish(cancelled(order));

    Await.until(WAIT, "the refused cancellation in the dead letters", () -> count(
        "SELECT count(*) FROM messaging.dead_letters WHERE queue = ? AND message_id = ?", queue, cancel.toString()) == 1);
    assertThat(rows("SELECT last_error FROM messaging.dead_letters WHERE message_id = ?", cancel.toString()).get(0).get(0))
        .asString().contains("COMMITTED cannot become RELEASED");
    assertThat(status(order)).isEqualTo("COMMITTED");
    assertThat(stock(p.id())).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM catalog.outbox WHERE aggregate_id = ?", order))
        .as("stock.reserved only").isEqualTo(1);
  }

  @Test
  @DisplayName("a product read after a reservation shows the new stock: the cached document was evicted")
  void readAfterReservation() throws Exception {
    ProductView p = create(5);
    ProductLookup miss = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())));
    ProductLookup hit = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())));
    assertThat(miss.fromCache()).isFalse();
    assertThat(hit.fromCache()).isTrue();
    assertThat(hit.product().stock()).isEqualTo(5);
    UUID order = UUID.randomUUID();

    publish(placed(order, line(p.id(), null, 2)));
    probe.await(CatalogApi.STOCK_RESERVED, e -> e.orderId().equals(order));

    // the eviction runs after commit, beside the relay's publishing: allow it a moment, far below the 5-minute TTL
    Await.until(Duration.ofSeconds(10), "a read showing stock 3", () -> Await.result(
        bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id()))).product().stock() == 3);
    ProductLookup after = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())));
    assertThat(after.fromCache()).as("cached again, at the new version").isTrue();
    assertThat(after.product().version()).isEqualTo(2L);
    assertThat(after.product().stock()).isEqualTo(3);
  }

  // ---- events in

  private static OrderLine line(UUID productId, String sku, int quantity) {
    return new OrderLine(productId, sku, quantity, 1_000L);
  }

  private static EventEnvelope placed(UUID order, OrderLine... lines) {
    long total = List.of(lines).stream().mapToLong(OrderLine::totalCents).sum();
    return envelope(OrdersApi.ORDER_PLACED, order, new OrderPlaced(order, CUSTOMER, List.of(lines), total, "EUR"));
  }

  private static EventEnvelope cancelled(UUID order) {
    return envelope(OrdersApi.ORDER_CANCELLED, order, new OrderCancelled(order, CUSTOMER, CancelReason.CANCELLED_BY_CUSTOMER));
  }

  private static <E> EventEnvelope envelope(Topic<E> topic, UUID order, E payload) {
    return new EventEnvelope(UUID.randomUUID(), topic.type(), 1, Instant.now(), "cid-" + letters(6), null, order,
        ContractJson.mapper().valueToTree(payload));
  }

  /** Publishes as the orders service's relay does; answers the message id. */
  private static UUID publish(EventEnvelope envelope) {
    Await.result(onContext(() -> publisher(envelope)));
    return envelope.id();
  }

  private static Future<Void> publisher(EventEnvelope envelope) {
    var props = new AMQP.BasicProperties.Builder().messageId(envelope.id().toString()).type(envelope.type())
        .correlationId(envelope.correlationId()).deliveryMode(2).contentType("application/json").build();
    return publisher.publish(exchange, envelope.type(), props, Buffer.buffer(ContractJson.toBytes(envelope)));
  }

  private static void awaitProcessed(UUID messageId) {
    Await.until(WAIT, "message " + messageId + " in the inbox", () -> count(
        "SELECT count(*) FROM catalog.inbox WHERE queue = ? AND message_id = ?", queue, messageId) == 1);
  }

  private static double duplicates() {
    return Metrics.registry().counter("atelier.events.duplicates", "queue", queue).count();
  }

  /** Orders among {@code mine} for which the broker carried an event of {@code type}. */
  private static Set<UUID> eventOrders(String type, Set<UUID> mine) {
    return probe.received().stream().filter(e -> e.type().equals(type) && mine.contains(e.aggregateId()))
        .map(EventEnvelope::aggregateId).collect(Collectors.toSet());
  }

  // ---- the catalog's state

  private static ProductView create(int stock, VariantDraft... variants) {
    var draft = new ProductDraft("Lamp", "brass", 1_000L, "EUR", List.of("light"), stock, List.of(variants));
    return Await.result(bus.request(CatalogApi.CREATE_PRODUCT, new CreateProduct(UUID.randomUUID(), draft)));
  }

  private static int stock(UUID product) {
    return (int) count("SELECT stock FROM catalog.products WHERE id = ?", product);
  }

  private static long version(UUID product) {
    return count("SELECT version FROM catalog.products WHERE id = ?", product);
  }

  private static int variantStock(UUID product, String sku) {
    return (int) count("SELECT stock FROM catalog.variants WHERE product_id = ? AND sku = ?", product, sku);
  }

  private static String status(UUID order) {
    List<List<Object>> found = rows("SELECT status FROM catalog.reservations WHERE order_id = ?", order);
    return found.isEmpty() ? null : (String) found.get(0).get(0);
  }

  private static Map<String, Long> statuses(List<UUID> orders) throws SQLException {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    try (PreparedStatement s = sql.prepareStatement(
        "SELECT status, count(*) FROM catalog.reservations WHERE order_id = ANY(?) GROUP BY status")) {
      s.setArray(1, uuids(orders));
      var rs = s.executeQuery();
      while (rs.next()) {
        byStatus.put(rs.getString(1), rs.getLong(2));
      }
    }
    return byStatus;
  }

  private static Set<UUID> orders(String query, Object... args) throws SQLException {
    Set<UUID> found = new HashSet<>();
    try (PreparedStatement s = prepare(query, args)) {
      var rs = s.executeQuery();
      while (rs.next()) {
        found.add((UUID) rs.getObject(1));
      }
    }
    return found;
  }

  // ---- SQL from the test thread

  private static long count(String query, Object... args) {
    try (PreparedStatement s = prepare(query, args)) {
      var rs = s.executeQuery();
      return rs.next() ? rs.getLong(1) : -1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<List<Object>> rows(String query, Object... args) {
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement s = prepare(query, args); var rs = s.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
    return rows;
  }

  private static PreparedStatement prepare(String query, Object... args) throws SQLException {
    PreparedStatement s = sql.prepareStatement(query);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s;
  }

  private static java.sql.Array uuids(List<UUID> ids) {
    try {
      return sql.createArrayOf("uuid", ids.toArray());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The queries of invariants/catalog.sql by name, each returning the rows that break it. */
  private static Map<String, String> invariants() throws IOException {
    String text;
    try (InputStream in = StockReservationsIT.class.getResourceAsStream("/invariants/catalog.sql")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> byName = new LinkedHashMap<>();
    String name = null;
    StringBuilder query = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("-- name:")) {
        if (name != null) {
          byName.put(name, query.toString().trim());
        }
        name = line.substring("-- name:".length()).trim();
        query.setLength(0);
      } else if (name != null) {
        query.append(line).append('\n');
      }
    }
    if (name != null) {
      byName.put(name, query.toString().trim());
    }
    assertThat(byName).as("named invariants").hasSizeGreaterThanOrEqualTo(2);
    byName.replaceAll((k, q) -> q.endsWith(";") ? q.substring(0, q.length() - 1) : q);
    return byName;
  }

  // ---- the broker

  /**
   * This run's queues and exchange, left behind, would only clutter the shared broker; best effort,
   * since a broker that is away (another run restarting it) must not fail the tests that passed.
   */
  private static void deleteQueue() {
    var client = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(TestServers.amqpUrl()).setReconnectAttempts(0));
    Future<Void> done = client.start();
    for (String q : List.of(queue, queue + ".dead-letters", queue + ".retry.1", queue + ".retry.2", queue + ".retry.3")) {
      done = done.compose(v -> client.queueDelete(q).<Void>mapEmpty().otherwiseEmpty());
    }
    for (String x : List.of(queue + ".dead", queue + ".requeue", queue + ".retry.1", queue + ".retry.2", queue + ".retry.3",
        exchange)) {
      done = done.compose(v -> client.exchangeDelete(x).otherwiseEmpty());
    }
    Await.result(done.eventually(client::stop).otherwiseEmpty());
  }

  private static <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static String letters(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return s.toString();
  }
}
