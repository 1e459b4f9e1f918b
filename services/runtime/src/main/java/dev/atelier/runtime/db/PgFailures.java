package dev.atelier.runtime.db;

import dev.atelier.codecs.Failure;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;

/**
 * Turns what the pg client fails with into a {@link Failure}: no connection or no answer is
 * UNAVAILABLE (the gateway says 503 with Retry-After); a query the database rejects is a bug,
 * passed on as it is.
 */
public final class PgFailures {
  private PgFailures() {}

  public static <T> Future<T> translate(Throwable e) {
    if (e instanceof Failure) {
      return Future.failedFuture(e);
    }
    if (e instanceof PgException pg && !isConnectionClass(pg.getSqlState())) {
      return Future.failedFuture(e);
    }
    return Future.failedFuture(Failure.unavailable("the database is unavailable"));
  }

  private static boolean isConnectionClass(String sqlState) {
    // 08: connection exception; 57P0x: the server is shutting down or restarting; 53: out of resources
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.startsWith("53"));
  }
}
