package dev.atelier.ops;

import dev.atelier.codecs.ops.OpsApi;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.AmqpClients;
import dev.atelier.runtime.messaging.ConfirmedPublisher;
import dev.atelier.runtime.messaging.DeadLetterStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The operations service: the shared messaging schema's dead letters, served over OpsApi. */
public final class OpsVerticle extends VerticleBase {
  public static final String SERVICE = "ops";
  private Pool pool;
  private ConfirmedPublisher publisher;

  @Override
  public Future<?> start() {
    var config = OpsConfig.from(config());
    var pg = PgSettings.from(config());
    var bus = Bus.of(vertx, config());
    return Migrations.run(vertx, pg, DeadLetterStore.SCHEMA).compose(migrated -> {
      pool = PgPools.forService(vertx, pg, DeadLetterStore.SCHEMA, config.poolSize());
      publisher = new ConfirmedPublisher(vertx, AmqpClients.options(config()), config.confirmTimeout());
      var deadLetters = new DeadLetterHandlers(pool, new DeadLetterStore(), publisher);
      return Future.all(List.of(
          bus.serveReadiness(SERVICE, () -> pool.query("SELECT 1").execute().map(rows -> null)),
          bus.serve(OpsApi.LIST_DEAD_LETTERS, deadLetters::list),
          bus.serve(OpsApi.REPLAY_DEAD_LETTER, deadLetters::replay),
          bus.serve(OpsApi.DISCARD_DEAD_LETTER, deadLetters::discard)));
    });
  }

  @Override
  public Future<?> stop() {
    return Future.join(publisher == null ? Future.succeededFuture() : publisher.close(),
        pool == null ? Future.succeededFuture() : pool.close());
  }
}
