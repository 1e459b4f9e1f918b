package dev.atelier.runtime.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's Flyway migrations ({@code db/migration/<service>}) into its own schema on a
 * worker thread. Instances of one verticle share a single run per JVM; across JVMs Flyway's own
 * lock keeps two nodes from migrating at once.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final Map<String, Future<Integer>> RUNS = new ConcurrentHashMap<>();

  private Migrations() {}

  public static Future<Integer> run(Vertx vertx, PgSettings pg, String service) {
    String key = pg.jdbcUrl() + "#" + service;
    Future<Integer> run = RUNS.computeIfAbsent(key, k -> vertx.executeBlocking(() -> migrate(pg, service), false));
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
