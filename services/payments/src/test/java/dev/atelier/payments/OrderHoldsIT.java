package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.codecs.orders.CancelReason;
import dev.atelier.codecs.orders.OrderCancelled;
import dev.atelier.codecs.orders.OrderConfirmed;
import dev.atelier.codecs.orders.OrderLine;
import dev.atelier.codecs.orders.OrderPlaced;
import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.codecs.payments.GetWallet;
import dev.atelier.codecs.payments.LedgerEntryView;
import dev.atelier.codecs.payments.LedgerPage;
import dev.atelier.codecs.payments.ListLedger;
import dev.atelier.codecs.payments.PaymentCaptured;
import dev.atelier.codecs.payments.PaymentFailed;
import dev.atelier.codecs.payments.PaymentHeld;
import dev.atelier.codecs.payments.PaymentReleased;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.codecs.payments.TopUp;
import dev.atelier.codecs.payments.TopUpDraft;
import dev.atelier.codecs.payments.WalletView;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.messaging.BrokerNames;
import dev.atelier.runtime.messaging.ConfirmedPublisher;
import dev.atelier.runtime.messaging.OutboxRelay;
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
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Payments as a participant in the order saga, through a real broker: order events are published
 * to the run's events exchange as the orders service's relay would, two payments instances consume them
 * (competing), and their payment.* events come back through the payments outbox and relay.
 * Assertions read this test's own database; the probe proves the events reached the broker.
 */
class OrderHoldsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static TestDatabase db;
  private static JsonObject config;
  private static Vertx vertx;
  private static Context context;
  private static Bus bus;
  private static PaymentsDb sql;
  private static ConfirmedPublisher publisher;
  private static EventProbe probe;

  @BeforeAll
  static void deploy() {
    db = TestServers.newDatabase();
    config = TestServers.config(db);
    // 2 instances x 4: eight order events in flight at once, all the pool's connections, to race on one wallet
    config.getJsonObject("payments").put("ordersPrefetch", 4);
    vertx = Vertx.vertx();
    Codecs.install(vertx);
    context = vertx.getOrCreateContext();
    Await.result(vertx.deployVerticle(PaymentsVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2)));
    Await.result(vertx.deployVerticle(OutboxRelay.forSchema(config, PaymentsVerticle.SERVICE),
        new DeploymentOptions().setConfig(config)));
    bus = new Bus(vertx, Duration.ofSeconds(10));
    sql = new PaymentsDb(db);
    publisher = new ConfirmedPublisher(vertx, new RabbitMQOptions().setUri(config.getJsonObject("amqp").getString("url")),
        Duration.ofSeconds(5));
    probe = EventProbe.start(vertx, config, "payment.*");
  }

  @AfterAll
  static void undeploy() {
    probe.close();
    Await.result(onContext(() -> publisher.close()));
    for (String id : vertx.deploymentIDs()) {
      Await.result(vertx.undeploy(id));
    }
    Await.result(vertx.close());
    db.close();
  }

  @AfterEach
  void ledgerStillAddsUp() {
    sql.assertInvariantsHold();
  }

  @Test
  @DisplayName("order.placed holds the total in escrow (payment.held); order.confirmed captures it (payment.captured), once")
  void holdThenCapture() {
    UUID customer = customerWith(10_000);
    UUID order = UUID.randomUUID();

    publish(OrdersApi.ORDER_PLACED, order, placed(order, customer, 4_000));
    PaymentHeld held = probe.await(PaymentsApi.PAYMENT_HELD, e -> e.orderId().equals(order));

    assertThat(held.amountCents()).isEqualTo(4_000);
    assertThat(held.holdId().toString()).isEqualTo(holdColumn(order, "id"));
    assertThat(wallet(customer)).isEqualTo(new WalletView(6_000, 4_000, "EUR"));

    long salesBefore = accountBalance(SystemAccount.SALES);
    publish(OrdersApi.ORDER_CONFIRMED, order, new OrderConfirmed(order, customer, 4_000, "EUR"));
    PaymentCaptured captured = probe.await(PaymentsApi.PAYMENT_CAPTURED, e -> e.orderId().equals(order));

    assertThat(captured.holdId()).isEqualTo(held.holdId());
    assertThat(holdColumn(order, "status")).isEqualTo("CAPTURED");
    assertThat(wallet(customer)).isEqualTo(new WalletView(6_000, 0, "EUR"));
    assertThat(accountBalance(SystemAccount.SALES) - salesBefore).isEqualTo(4_000);

    // the saga retries a step with a new message: no second hold, no second capture
    awaitHandled(publish(OrdersApi.ORDER_PLACED, order, placed(order, customer, 4_000)));
    awaitHandled(publish(OrdersApi.ORDER_CONFIRMED, order, new OrderConfirmed(order, customer, 4_000, "EUR")));
    assertThat(wallet(customer)).isEqualTo(new WalletView(6_000, 0, "EUR"));
    assertThat(accountBalance(SystemAccount.SALES) - salesBefore).isEqualTo(4_000);
    assertThat(outboxTypes(order)).containsExactly("payment.held", "payment.captured");
    assertThat(ledger(customer)).extracting(LedgerEntryView::kind, LedgerEntryView::amountCents)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("hold", -4_000L), org.assertj.core.groups.Tuple.tuple("top_up", 10_000L));
  }

  @Test
  @DisplayName("order.cancelled gives a held total back (payment.released); a cancel after that releases nothing more")
  void holdThenRelease() {
    UUID customer = customerWith(3_000);
    UUID order = UUID.randomUUID();
    publish(OrdersApi.ORDER_PLACED, order, placed(order, customer, 2_500));
    probe.await(PaymentsApi.PAYMENT_HELD, e -> e.orderId().equals(order));

    publish(OrdersApi.ORDER_CANCELLED, order, new OrderCancelled(order, customer, CancelReason.OUT_OF_STOCK));
    PaymentReleased released = probe.await(PaymentsApi.PAYMENT_RELEASED, e -> e.orderId().equals(order));

    assertThat(released.amountCents()).isEqualTo(2_500);
    assertThat(holdColumn(order, "status")).isEqualTo("RELEASED");
    assertThat(wallet(customer)).isEqualTo(new WalletView(3_000, 0, "EUR"));
    awaitHandled(publish(OrdersApi.ORDER_CANCELLED, order, new OrderCancelled(order, customer, CancelReason.TIMED_OUT)));
    awaitHandled(publish(OrdersApi.ORDER_CONFIRMED, order, new OrderConfirmed(order, customer, 2_500, "EUR")));
    assertThat(holdColumn(order, "status")).as("no capture after a release").isEqualTo("RELEASED");
    assertThat(wallet(customer)).isEqualTo(new WalletView(3_000, 0, "EUR"));
    assertThat(outboxTypes(order)).containsExactly("payment.held", "payment.released");
  }

  @Test
  @DisplayName("a total the balance does not cover fails (payment.failed, insufficient_funds) and moves nothing")
  void insufficientFunds() {
    UUID customer = customerWith(1_000);
    UUID order = UUID.randomUUID();

    awaitHandled(publish(OrdersApi.ORDER_PLACED, order, placed(order, customer, 5_000)));

    assertThat(holdColumn(order, "status")).isEqualTo("FAILED");
    assertThat(holdColumn(order, "reason")).isEqualTo(PaymentFailed.INSUFFICIENT_FUNDS);
    assertThat(wallet(customer)).isEqualTo(new WalletView(1_000, 0, "EUR"));
    assertThat(outboxTypes(order)).containsExactly("payment.failed");
    PaymentFailed failed = probe.await(PaymentsApi.PAYMENT_FAILED, e -> e.orderId().equals(order));
    assertThat(failed.amountCents()).isEqualTo(5_000);
    assertThat(failed.reason()).isEqualTo("insufficient_funds");
  }

  @Test
  @DisplayName("10 concurrent orders on a wallet that covers 3: exactly 3 HELD, 7 FAILED, the balance never below zero")
  void concurrentOrders() throws SQLException {
    UUID customer = customerWith(3_000);
    List<EventEnvelope> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      UUID order = UUID.randomUUID();
      sent.add(envelope(OrdersApi.ORDER_PLACED, order, placed(order, customer, 1_000)));
    }
    // the wallet's row is held here while the orders arrive, so their handlers pile up on it and
    // then race for it together, rather than one after the other as they come off the queue
    try (Connection blocker = sql.connect()) {
      blocker.setAutoCommit(false);
      PaymentsDb.prepare(blocker, "SELECT 1 FROM payments.wallets WHERE user_id = ? FOR UPDATE", customer).executeQuery();
      Await.result(onContext(() -> {
        Future<Void> chain = Future.succeededFuture();
        for (EventEnvelope e : sent) {
          chain = chain.compose(v -> send(e));
        }
        return chain;
      }));
      Await.until(WAIT, "handlers waiting on the wallet", () -> sql.count("SELECT count(*) FROM pg_stat_activity "
          + "WHERE datname = current_database() AND wait_event_type = 'Lock'") >= 6);
      blocker.rollback();
    }

    sent.forEach(OrderHoldsIT::awaitHandled);
    assertThat(sql.count("SELECT count(*) FROM payments.holds WHERE customer_id = ? AND status = 'HELD'", customer)).isEqualTo(3);
    assertThat(sql.count("SELECT count(*) FROM payments.holds WHERE customer_id = ? AND status = 'FAILED'", customer)).isEqualTo(7);
    assertThat(wallet(customer)).isEqualTo(new WalletView(0, 3_000, "EUR"));
    assertThat(sql.count("SELECT count(*) FROM payments.outbox o JOIN payments.holds h ON h.order_id = o.aggregate_id "
        + "WHERE h.customer_id = ? AND o.type = 'payment.held'", customer)).isEqualTo(3);
    assertThat(sql.count("SELECT count(*) FROM payments.outbox o JOIN payments.holds h ON h.order_id = o.aggregate_id "
        + "WHERE h.customer_id = ? AND o.type = 'payment.failed'", customer)).isEqualTo(7);
  }

  @Test
  @DisplayName("a cancel that arrives before the order leaves a tombstone: the late order.placed holds nothing")
  void cancelBeforePlaced() {
    UUID customer = customerWith(5_000);
    UUID order = UUID.randomUUID();

    awaitHandled(publish(OrdersApi.ORDER_CANCELLED, order, new OrderCancelled(order, customer, CancelReason.CANCELLED_BY_CUSTOMER)));
    assertThat(holdColumn(order, "status")).isEqualTo("RELEASED");
    assertThat(holdColumn(order, "amount_cents")).isEqualTo("0");

    awaitHandled(publish(OrdersApi.ORDER_PLACED, order, placed(order, customer, 2_000)));
    assertThat(holdColumn(order, "status")).isEqualTo("RELEASED");
    assertThat(wallet(customer)).isEqualTo(new WalletView(5_000, 0, "EUR"));
    assertThat(outboxTypes(order)).isEmpty();
  }

  @Test
  @DisplayName("an order in another currency than the wallets' cannot be paid: payment.failed, nothing moves")
  void otherCurrency() {
    UUID customer = customerWith(5_000);
    UUID order = UUID.randomUUID();

    awaitHandled(publish(OrdersApi.ORDER_PLACED, order, new OrderPlaced(order, customer,
        List.of(new OrderLine(UUID.randomUUID(), null, 1, 1_000)), 1_000, "USD")));

    assertThat(holdColumn(order, "status")).isEqualTo("FAILED");
    assertThat(wallet(customer)).isEqualTo(new WalletView(5_000, 0, "EUR"));
    assertThat(outboxTypes(order)).containsExactly("payment.failed");
  }

  // ---- helpers

  private static UUID customerWith(long cents) {
    UUID customer = UUID.randomUUID();
    Await.result(bus.request(PaymentsApi.TOP_UP, new TopUp(customer, new TopUpDraft(cents))));
    return customer;
  }

  private static OrderPlaced placed(UUID order, UUID customer, long total) {
    return new OrderPlaced(order, customer, List.of(new OrderLine(UUID.randomUUID(), null, 1, total)), total, "EUR");
  }

  private static WalletView wallet(UUID customer) {
    return Await.result(bus.request(PaymentsApi.GET_WALLET, new GetWallet(customer)));
  }

  private static List<LedgerEntryView> ledger(UUID customer) {
    LedgerPage page = Await.result(bus.request(PaymentsApi.LIST_LEDGER, new ListLedger(customer, 100, null)));
    return page.items();
  }

  private static String holdColumn(UUID order, String column) {
    return sql.text("SELECT " + column + "::text FROM payments.holds WHERE order_id = ?", order);
  }

  private static long accountBalance(SystemAccount account) {
    return sql.count("SELECT coalesce(sum(amount_cents), 0) FROM payments.entries WHERE account_id = ?", account.id());
  }

  private static List<String> outboxTypes(UUID order) {
    return sql.column("SELECT type FROM payments.outbox WHERE aggregate_id = ? ORDER BY occurred_at", order);
  }

  /** Waits until this database's inbox recorded the message: its effect, if any, is committed. */
  private static void awaitHandled(EventEnvelope sent) {
    Await.until(WAIT, sent.type() + " " + sent.id() + " handled", () -> sql.count(
        "SELECT count(*) FROM payments.inbox WHERE message_id = ?", sent.id()) == 1);
  }

  private static <E> EventEnvelope envelope(Topic<E> topic, UUID aggregate, E payload) {
    return new EventEnvelope(UUID.randomUUID(), topic.type(), 1, Instant.now(), "cid-" + aggregate, null, aggregate,
        ContractJson.mapper().valueToTree(payload));
  }

  /** As the orders service's relay would: an envelope on this run's events exchange, routing key = type, confirmed. */
  private static <E> EventEnvelope publish(Topic<E> topic, UUID aggregate, E payload) {
    EventEnvelope e = envelope(topic, aggregate, payload);
    Await.result(onContext(() -> send(e)));
    return e;
  }

  private static Future<Void> send(EventEnvelope e) {
    var props = new AMQP.BasicProperties.Builder().messageId(e.id().toString()).type(e.type())
        .correlationId(e.correlationId()).deliveryMode(2).contentType("application/json").build();
    return publisher.publish(BrokerNames.from(config).exchange(), e.type(), props, Buffer.buffer(ContractJson.toBytes(e)));
  }

  /** The publisher wants one context, as in a verticle. */
  private static <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }
}
