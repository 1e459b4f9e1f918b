package dev.atelier.payments;

import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.AmqpClients;
import dev.atelier.runtime.messaging.BrokerNames;
import dev.atelier.runtime.messaging.ConsumerSettings;
import dev.atelier.runtime.messaging.EventConsumer;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.ops.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The payments service: migrates its schema, serves PaymentsApi, and consumes the orders' events
 * (each instance a competing consumer of one queue).
 */
public final class PaymentsVerticle extends VerticleBase {
  public static final String SERVICE = "payments";
  /** The work queue of order events (behind the deployment's queue prefix, BrokerNames). */
  public static final String QUEUE = "payments.orders";
  private Pool pool;
  private EventConsumer consumer;

  @Override
  public Future<?> start() {
    var config = PaymentsConfig.from(config());
    var pg = PgSettings.from(config());
    var bus = Bus.of(vertx, config());
    return Migrations.runService(vertx, pg, SERVICE).compose(migrated -> {
      pool = PgPools.forService(vertx, pg, SERVICE, config.poolSize());
      var wallets = new WalletRepository();
      var ledger = new LedgerRepository();
      var outbox = new Outbox();
      var handlers = new PaymentsHandlers(pool, config, wallets, ledger, new GiftCardRepository(), new GiftCardCodes(), outbox);
      var holds = new HoldHandlers(config, wallets, ledger, new HoldRepository(), outbox);
      return Future.all(List.of(
          bus.serveReadiness(SERVICE, () -> pool.query("SELECT 1").execute().map(rows -> (String) null)),
          bus.serve(PaymentsApi.GET_WALLET, handlers::getWallet),
          bus.serve(PaymentsApi.TOP_UP, handlers::topUp),
          bus.serve(PaymentsApi.LIST_LEDGER, handlers::listLedger),
          bus.serve(PaymentsApi.ISSUE_GIFT_CARD, handlers::issueGiftCard),
          bus.serve(PaymentsApi.REDEEM_GIFT_CARD, handlers::redeemGiftCard),
          consumeOrders(holds, config, pg)));
    });
  }

  /**
   * Every instance consumes the same queue, so they compete for the orders' events. Its own prefetch,
   * not the platform's: each event in flight holds a pooled connection for its transaction (and, for a
   * wallet many orders want, waits there for the row), and the wallet routes need connections too.
   * With the platform's 64, 200 orders at once waited out the pool's acquire timeout and were retried.
   */
  private Future<EventConsumer> consumeOrders(HoldHandlers holds, PaymentsConfig config, PgSettings pg) {
    var settings = ConsumerSettings.from(config()).withPrefetch(config.ordersPrefetch());
    return EventConsumer.on(QUEUE)
        .handle(OrdersApi.ORDER_PLACED, holds::holdFunds)
        .handle(OrdersApi.ORDER_CONFIRMED, holds::captureHold)
        .handle(OrdersApi.ORDER_CANCELLED, holds::releaseHold)
        .names(BrokerNames.from(config()))
        .start(vertx, pool, pg, settings, AmqpClients.options(config()), Metrics.registry())
        .onSuccess(started -> consumer = started);
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = consumer == null ? Future.succeededFuture() : consumer.stop();
    return stopped.compose(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
