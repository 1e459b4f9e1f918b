package dev.atelier.ai;

import dev.atelier.codecs.ai.AiApi;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.ConsumerSettings;
import dev.atelier.runtime.messaging.EventConsumer;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/**
 * A generation worker: consumes ai.generation.requested from the work queue {@code ai.generations}
 * and runs each job (GenerationWorker). Deployed by role {@code workers}, with its own instance count
 * ({@code generations.instances}) and prefetch ({@code generations.prefetch}): each instance renders
 * at most {@code prefetch} jobs at a time on the worker pool, so instances x prefetch is the node's
 * share of the image work, and a node started with ATELIER_ROLES=workers runs only these, no HTTP.
 */
public final class GenerationWorkerVerticle extends VerticleBase {
  public static final String NAME = "generations";
  static final String QUEUE = "ai.generations";
  private static final String REMOTE_PROVIDER = "ai.generator.remote";
  private Pool pool;
  private EventConsumer consumer;
  private boolean remote;

  @Override
  public Future<?> start() {
    var ai = AiConfig.from(config());
    int prefetch = config().getJsonObject(NAME).getInteger("prefetch");
    if (prefetch < 1) {
      throw new IllegalArgumentException("generations.prefetch must be at least 1");
    }
    var pg = PgSettings.from(config());
    var settings = ConsumerSettings.from(config());
    return Migrations.runService(vertx, pg, AiVerticle.SERVICE).compose(migrated -> {
      pool = PgPools.forService(vertx, pg, AiVerticle.SERVICE, ai.poolSize());
      var worker = new GenerationWorker(pool, new GenerationRepository(), new Outbox(), provider(ai),
          new FileResultStore(vertx.fileSystem(), ai.storageDir()), settings.retryDelays().size());
      return EventConsumer.on(QUEUE)
          .handle(AiApi.GENERATION_REQUESTED, worker::run)
          .prefetch(prefetch)
          .start(vertx, config(), pool)
          .onSuccess(c -> consumer = c);
    });
  }

  private ImageProvider provider(AiConfig ai) {
    if (ai.generator().provider().equals(GeneratorSettings.REMOTE)) {
      remote = true;
      return NodeShared.acquire(vertx, REMOTE_PROVIDER, () -> new RemoteImageProvider(vertx, ai.generator()));
    }
    return new LocalImageProvider(vertx);
  }

  @Override
  public Future<?> stop() {
    Future<Void> consumed = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consumed.eventually(() -> {
      if (remote) {
        NodeShared.release(vertx, REMOTE_PROVIDER);
      }
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
