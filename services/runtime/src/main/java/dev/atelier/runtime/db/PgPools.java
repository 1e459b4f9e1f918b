package dev.atelier.runtime.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;

/**
 * One pool per service, shared by all instances of its verticle on a node, so the number of
 * Postgres connections is bounded by config, not by how many instances ops deploy.
 */
public final class PgPools {
  private PgPools() {}

  public static Pool forService(Vertx vertx, PgSettings pg, String service, int maxSize) {
    var connect = new PgConnectOptions()
        .setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
        .setUser(pg.user()).setPassword(pg.password())
        .setCachePreparedStatements(true)
        .setMetricsName(service + "-db")
        // each service sees only its own schema
        .setProperties(Map.of("search_path", service, "application_name", "atelier-" + service));
    var pool = new PoolOptions()
        .setMaxSize(maxSize)
        .setName(service + "-db")
        .setShared(true)
        .setConnectionTimeout(pg.acquireTimeoutMillis())
        .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
        .setIdleTimeout(pg.idleTimeoutSeconds())
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)
        .setMaxWaitQueueSize(4 * maxSize * 64);
    // a dead server must fail a connect within seconds, not after the OS gives up
    var transport = new NetClientOptions().setConnectTimeout(pg.connectTimeoutMillis()).setTcpNoDelay(true);
    return PgBuilder.pool().with(pool).with(transport).connectingTo(connect).using(vertx).build();
  }
}
