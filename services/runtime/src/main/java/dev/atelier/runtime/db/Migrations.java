package dev.atelier.runtime.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Flyway migrations into a schema on a worker thread: a schema's own ({@code db/migration/<schema>}),
 * and for a service also the messaging tables every service holds ({@code db/messaging/tables}: outbox,
 * inbox), defined once and tracked in a history table of their own so the two version lines never
 * meet. Instances of one verticle share a single run per JVM; across JVMs Flyway's own lock keeps
 * two nodes from migrating at once.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final Map<String, Future<Integer>> RUNS = new ConcurrentHashMap<>();

  private Migrations() {}

  /** A schema's own migrations only (the gateway's edge schema, the shared messaging schema). */
  public static Future<Integer> run(Vertx vertx, PgSettings pg, String schema) {
    return run(vertx, pg, schema, false);
  }

  /** A service's own migrations, then the outbox and inbox tables into the same schema. */
  public static Future<Integer> runService(Vertx vertx, PgSettings pg, String service) {
    return run(vertx, pg, service, true);
  }

  private static Future<Integer> run(Vertx vertx, PgSettings pg, String service, boolean messagingTables) {
    String key = pg.jdbcUrl() + "#" + service + "#" + messagingTables;
    Future<Integer> run = RUNS.computeIfAbsent(key, k -> vertx.executeBlocking(
        () -> migrate(pg, service) + (messagingTables ? migrateMessagingTables(pg, service) : 0), false));
    // a failed run (database down at start-up) must not stay cached: the next deploy tries again
    run.onFailure(e -> RUNS.remove(key, run));
    // the shared run completes on the first instance's context; each caller continues on its own,
    // or its verticle would register consumers on another instance's event loop
    return Future.fromCompletionStage(run.toCompletionStage(), vertx.getOrCreateContext());
  }

  private static int migrate(PgSettings pg, String service) {
    try {
      return migrateOrThrow(pg, service);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot migrate schema " + service + " on " + pg.safeUrl(), e);
    }
  }

  private static int migrateMessagingTables(PgSettings pg, String service) {
    try {
      var result = Flyway.configure()
          .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
          .schemas(service)
          .defaultSchema(service)
          .table("messaging_schema_history")
          .locations("classpath:db/messaging/tables")
          // the service's own tables are already there: start this line's history from nothing
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .connectRetries(0)
          .load()
          .migrate();
      return result.migrationsExecuted;
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot add the messaging tables to schema " + service + " on " + pg.safeUrl(), e);
    }
  }

  private static int migrateOrThrow(PgSettings pg, String service) {
    var result = Flyway.configure()
        .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
        .schemas(service)
        .defaultSchema(service)
        .createSchemas(true)
        .locations("classpath:db/migration/" + service)
        .connectRetries(0)
        .load()
        .migrate();
    if (result.migrationsExecuted == 0) {
      log.info("schema {} is up to date", service);
    } else {
      log.info("schema {} migrated to version {} ({} migrations applied)", service, result.targetSchemaVersion, result.migrationsExecuted);
    }
    return result.migrationsExecuted;
  }
}
