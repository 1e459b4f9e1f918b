package dev.atelier.payments;

import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.EventConsumer;
import dev.atelier.runtime.messaging.Outbox;
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
  /** The work queue of order events; {@code messaging.consumer.queuePrefix} goes in front. */
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
          EventConsumer.on(QUEUE)
              .handle(OrdersApi.ORDER_PLACED, holds::holdFunds)
              .handle(OrdersApi.ORDER_CONFIRMED, holds::captureHold)
              .handle(OrdersApi.ORDER_CANCELLED, holds::releaseHold)
              .start(vertx, config(), pool)
              .onSuccess(started -> consumer = started)));
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = consumer == null ? Future.succeededFuture() : consumer.stop();
    return stopped.compose(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
