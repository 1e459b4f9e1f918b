package dev.atelier.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a real pool and server fail with, as the gateway will see it. */
class PgFailuresIT {
  @Test
  @DisplayName("no pooled connection in time is UNAVAILABLE (503), a refused value INVALID (422), not a 500")
  void translates() {
    try (TestDatabase db = TestServers.newDatabase()) {
      Vertx vertx = Vertx.vertx();
      try {
        JsonObject config = AtelierConfig.defaults();
        config.getJsonObject("pg").put("url", db.url());
        PgSettings pg = PgSettings.from(config);
        var pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setConnectionTimeout(1500)
            .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS))
            .connectingTo(new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
                .setUser(pg.user()).setPassword(pg.password()))
            .using(vertx).build();
        var held = Await.result(pool.getConnection());
        Throwable exhausted = Await.failure(pool.query("SELECT 1").execute());
        assertThat(PgFailures.isConnectivity(exhausted)).as(exhausted.toString()).isTrue();
        assertThat(((Failure) Await.failure(PgFailures.translate(exhausted))).code()).isEqualTo(FailureCode.UNAVAILABLE);

        Throwable refused = Await.failure(held.query("SELECT 'x'::int").execute());
        assertThat(((Failure) Await.failure(PgFailures.translate(refused))).code()).isEqualTo(FailureCode.INVALID);
        Throwable bug = Await.failure(held.query("SELECT * FROM no_such_table").execute());
        assertThat(PgFailures.isConnectivity(bug)).isFalse();
        Await.result(held.close());
        Await.result(pool.close());
      } finally {
        Await.result(vertx.close());
      }
    }
  }
}
