package dev.atelier.catalog;

import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.EventConsumer;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.ops.HealthCheck;
import dev.atelier.runtime.ops.NodeHealth;
import dev.atelier.runtime.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The catalog service: migrates its schema, then serves CatalogApi and takes part in the order saga. */
public final class CatalogVerticle extends VerticleBase {
  public static final String SERVICE = "catalog";
  /** Where the catalog takes the orders' events from (behind the deployment's queue prefix). */
  static final String ORDERS_QUEUE = "catalog.orders";
  private Pool pool;
  private Redis redis;
  private EventConsumer orders;
  private long evictionRetryTimer = -1;

  @Override
  public Future<?> start() {
    var config = CatalogConfig.from(config());
    var pg = PgSettings.from(config());
    var bus = Bus.of(vertx, config());
    return Migrations.runService(vertx, pg, SERVICE).compose(migrated -> {
      pool = PgPools.forService(vertx, pg, SERVICE, config.poolSize());
      redis = RedisClients.create(vertx, config());
      var redisApi = RedisAPI.api(redis);
      var cache = new ProductCache(vertx, redisApi, config);
      evictionRetryTimer = vertx.setPeriodic(1_000, t -> cache.retryPendingEvictions());
      var products = new ProductRepository();
      var outbox = new Outbox();
      var handlers = new CatalogHandlers(context, pool, products, outbox, cache, new ProductChanges(vertx.eventBus()));
      var reservations = new ReservationHandlers(context, new ReservationRepository(), products, outbox,
          handlers::productChanged);
      var health = NodeHealth.of(vertx);
      health.register(new HealthCheck("postgres", true, () -> pool.query("SELECT 1").execute()));
      health.register(new HealthCheck("redis", false, () -> redisApi.ping(List.of())));
      return Future.all(List.of(
          handlers.followChanges(),
          bus.serveReadiness(SERVICE, () -> readiness(redisApi, config)),
          bus.serve(CatalogApi.GET_PRODUCT, handlers::getProduct),
          bus.serve(CatalogApi.GET_PRODUCT_DOCUMENT, handlers::getProductDocument),
          bus.serve(CatalogApi.LIST_PRODUCTS, handlers::listProducts),
          bus.serve(CatalogApi.CREATE_PRODUCT, handlers::createProduct),
          bus.serve(CatalogApi.UPDATE_PRODUCT, handlers::updateProduct),
          bus.serve(CatalogApi.DELETE_PRODUCT, handlers::deleteProduct),
          consumeOrders(reservations, config)));
    });
  }

  /**
   * Every instance consumes the same queue, so they compete for the orders' events. Its own prefetch,
   * not the platform's: each event in flight holds one of the pool's connections for its transaction
   * (and, on a product many orders want, waits there for the row), and reads and writes need some too.
   */
  private Future<EventConsumer> consumeOrders(ReservationHandlers reservations, CatalogConfig config) {
    return EventConsumer.on(ORDERS_QUEUE)
        .handle(OrdersApi.ORDER_PLACED, reservations::reserveStock)
        .handle(OrdersApi.ORDER_CONFIRMED, reservations::commitStock)
        .handle(OrdersApi.ORDER_CANCELLED, reservations::releaseStock)
        .prefetch(config.ordersPrefetch())
        .start(vertx, config(), pool)
        .onSuccess(c -> orders = c);
  }

  /** Ready when PostgreSQL answers; without Redis it serves from PostgreSQL, degraded. */
  private Future<String> readiness(RedisAPI redisApi, CatalogConfig config) {
    return pool.query("SELECT 1").execute().compose(db -> redisApi.ping(List.of())
        .timeout(config.redisTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .transform(ar -> Future.succeededFuture(ar.succeeded() ? null : "redis")));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(evictionRetryTimer);
    // no new events once stopping; one being handled rolls back with the pool and comes again
    Future<Void> consumer = orders == null ? Future.succeededFuture() : orders.stop();
    return consumer.eventually(() -> {
      if (redis != null) {
        redis.close();
      }
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
