package dev.atelier.orders;

import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.config.Instances;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.EventConsumer;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.ops.HealthCheck;
import dev.atelier.runtime.ops.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders service, and the orchestrator of the order saga. Why orchestrated: one place knows each
 * order's state, decides it exactly once (in the transaction that emits the decision), and can time
 * it out; the participants (catalog: stock, payments: funds) only react to order.* events and report
 * back, in parallel, which keeps the happy path to two hops. Choreography would spread the decision
 * over three services and leave no one to notice a stalled order.
 */
public final class OrdersVerticle extends VerticleBase {
  public static final String SERVICE = "orders";
  private static final Logger log = LoggerFactory.getLogger(OrdersVerticle.class);
  private Pool pool;
  private long sweepTimer = -1;
  private final List<EventConsumer> consumers = new ArrayList<>();

  @Override
  public Future<?> start() {
    var config = OrdersConfig.from(config());
    var pg = PgSettings.from(config());
    var bus = Bus.of(vertx, config());
    var clock = Clock.systemUTC();
    return Migrations.runService(vertx, pg, SERVICE).compose(migrated -> {
      pool = PgPools.forService(vertx, pg, SERVICE, config.poolSize());
      var orders = new OrderRepository();
      var views = new OrderViewRepository();
      var outbox = new Outbox();
      var handlers = new OrdersHandlers(pool, Downstream.of(vertx, bus, config()), orders, views, outbox, config, clock);
      var saga = new SagaHandlers(orders, outbox, clock);
      var sweeper = new SagaSweeper(pool, orders, outbox, clock);
      sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweeper.sweep()
          .onFailure(e -> log.warn("saga sweep failed: {}", e.toString())));
      NodeHealth.of(vertx).register(new HealthCheck("postgres", true, () -> pool.query("SELECT 1").execute()));
      return Future.all(List.of(
          bus.serveReadiness(SERVICE, () -> pool.query("SELECT 1").execute().map(rows -> null)),
          bus.serve(OrdersApi.PLACE_ORDER, handlers::place),
          bus.serve(OrdersApi.GET_ORDER, handlers::get),
          bus.serve(OrdersApi.LIST_ORDERS, handlers::list),
          bus.serve(OrdersApi.CANCEL_ORDER, handlers::cancel),
          consume(EventConsumer.on("orders.saga")
              .handle(CatalogApi.STOCK_RESERVED, (e, tx) -> saga.report(tx, e.payload().orderId(), e, Order::stockReserved))
              .handle(CatalogApi.STOCK_REJECTED, (e, tx) -> saga.report(tx, e.payload().orderId(), e, Order::stockRejected))
              .handle(PaymentsApi.PAYMENT_HELD, (e, tx) -> saga.report(tx, e.payload().orderId(), e, Order::paymentHeld))
              .handle(PaymentsApi.PAYMENT_FAILED, (e, tx) -> saga.report(tx, e.payload().orderId(), e, Order::paymentFailed))),
          consume(EventConsumer.on("orders.views")
              .handle(OrdersApi.ORDER_PLACED, (e, tx) -> views.project(tx, e.payload().orderId()))
              .handle(OrdersApi.ORDER_CONFIRMED, (e, tx) -> views.project(tx, e.payload().orderId()))
              .handle(OrdersApi.ORDER_CANCELLED, (e, tx) -> views.project(tx, e.payload().orderId())))));
    });
  }

  // two consumers share the pool with the HTTP side: each takes at most a quarter of it in flight. The
  // pool is the node's (PgPools), so the quarter is split between the instances: with a quarter per
  // instance, two instances' consumers held all 16 connections, and POST /api/orders waited out the
  // pool's acquire timeout (scripts/bench/orders: 40 to 140 answers of 500 per run)
  private Future<EventConsumer> consume(EventConsumer.Builder builder) {
    int prefetch = Math.max(1, OrdersConfig.from(config()).poolSize() / (4 * Instances.of(config(), SERVICE)));
    return builder.prefetch(prefetch).start(vertx, config(), pool).onSuccess(consumers::add);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    List<Future<Void>> stopping = new ArrayList<>();
    consumers.forEach(c -> stopping.add(c.stop()));
    return Future.join(stopping).compose(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
