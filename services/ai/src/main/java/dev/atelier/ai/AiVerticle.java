package dev.atelier.ai;

import dev.atelier.codecs.ai.AiApi;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.bus.Downstream;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI service's API side: recommendations from the node's similarity index and the remote
 * model, the product copy the index is built from (queue {@code ai.catalog}), and accepting and
 * showing generation jobs. The jobs themselves run in GenerationWorkerVerticle (role workers).
 */
public final class AiVerticle extends VerticleBase {
  public static final String SERVICE = "ai";
  /** The catalog's product events, kept in ai.products (behind the deployment's queue prefix). */
  static final String CATALOG_QUEUE = "ai.catalog";
  private static final Logger log = LoggerFactory.getLogger(AiVerticle.class);
  private static final String INDEX = "ai.index";
  private static final String MODEL = "ai.model";
  private static final String BACKFILL = "ai.backfill";

  private Pool pool;
  private Redis redis;
  private EventConsumer consumer;
  private long pollTimer = -1;
  private boolean modelAcquired;
  private boolean stopped;

  @Override
  public Future<?> start() {
    var config = AiConfig.from(config());
    var pg = PgSettings.from(config());
    var bus = Bus.of(vertx, config());
    return Migrations.runService(vertx, pg, SERVICE).compose(migrated -> {
      pool = PgPools.forService(vertx, pg, SERVICE, config.poolSize());
      redis = RedisClients.create(vertx, config());
      var products = new ProductCopyRepository();
      var cache = new RecommendationCache(RedisAPI.api(redis), config.cacheTtl());
      IndexFeed feed = NodeShared.acquire(vertx, INDEX,
          () -> new IndexFeed(vertx, new SimilarityIndex(config.priceWeight(), config.candidates()), products));
      ModelClient model = null;
      if (config.model().configured()) {
        model = NodeShared.acquire(vertx, MODEL, () -> new ModelClient(vertx, config.model()));
        modelAcquired = true;
      }
      var recommender = new Recommender(vertx, feed, model, cache, config.candidates());
      var generations = new GenerationHandlers(pool, Downstream.of(vertx, bus, config()), new GenerationRepository(),
          new Outbox(), new FileResultStore(vertx.fileSystem(), config.storageDir()));
      var copies = new CatalogCopyHandlers(products, cache, bus);
      pollTimer = vertx.setPeriodic(config.indexPoll().toMillis(), id -> refresh(feed));
      NodeHealth.of(vertx).register(new HealthCheck("postgres", true, () -> pool.query("SELECT 1").execute()));
      return Future.all(List.of(
          bus.serveReadiness(SERVICE, () -> pool.query("SELECT 1").execute().map(rows -> (String) null)),
          bus.serve(AiApi.GET_RECOMMENDATIONS, recommender::recommend),
          bus.serve(AiApi.REQUEST_GENERATION, generations::request),
          bus.serve(AiApi.GET_GENERATION, generations::get),
          bus.serve(AiApi.GET_GENERATION_RESULT, generations::result),
          bus.subscribe(AiApi.PRODUCTS_CHANGED, changed -> refresh(feed)),
          EventConsumer.on(CATALOG_QUEUE)
              .handle(CatalogApi.PRODUCT_CREATED, copies::created)
              .handle(CatalogApi.PRODUCT_UPDATED, copies::updated)
              .handle(CatalogApi.PRODUCT_DELETED, copies::deleted)
              .prefetch(config.catalogPrefetch())
              .start(vertx, config(), pool).onSuccess(c -> consumer = c)))
          .onSuccess(v -> {
            refresh(feed);
            backfillOnce(new CatalogBackfill(bus, pool, products), feed);
          });
    });
  }

  private void refresh(IndexFeed feed) {
    feed.refresh(pool).onFailure(e -> log.warn("similarity index refresh failed: {}", e.toString()));
  }

  // once per node: the first instance to get here copies the catalog, retrying until the catalog answers
  private void backfillOnce(CatalogBackfill backfill, IndexFeed feed) {
    AtomicBoolean claimed = NodeShared.acquire(vertx, BACKFILL, AtomicBoolean::new);
    if (claimed.compareAndSet(false, true)) {
      copyCatalog(backfill, feed, 1);
    }
  }

  private void copyCatalog(CatalogBackfill backfill, IndexFeed feed, int attempt) {
    if (stopped) {
      return;
    }
    backfill.run().onSuccess(n -> {
      log.info("copied {} products from the catalog", n);
      refresh(feed);
    }).onFailure(e -> {
      if (attempt == 1 || attempt % 10 == 0) {
        log.info("catalog not answering yet for the copy ({}), retrying", e.toString());
      }
      vertx.setTimer(2000, id -> copyCatalog(backfill, feed, attempt + 1));
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(pollTimer);
    Future<Void> consumed = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consumed.eventually(() -> {
      NodeShared.release(vertx, INDEX);
      NodeShared.release(vertx, BACKFILL);
      if (modelAcquired) {
        NodeShared.release(vertx, MODEL);
      }
      if (redis != null) {
        redis.close();
      }
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
