package dev.atelier.runtime.db;

import dev.atelier.codecs.Failure;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the pg client fails with into a {@link Failure}: no connection, a connection lost or
 * no pooled connection in time is UNAVAILABLE (the gateway says 503 with Retry-After); a value the
 * database refuses (SQLSTATE class 22) is INVALID; anything else is a bug, passed on to be logged
 * as INTERNAL where it is handled.
 */
public final class PgFailures {
  private static final String POOL_TIMEOUT = "Timeout waiting for connection";

  private PgFailures() {}

  public static <T> Future<T> translate(Throwable e) {
    if (e instanceof Failure) {
      return Future.failedFuture(e);
    }
    if (e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
      return Future.failedFuture(Failure.invalid(null, "a value was refused by the database: " + pg.getErrorMessage()));
    }
    if (isConnectivity(e)) {
      return Future.failedFuture(Failure.unavailable("the database is unavailable"));
    }
    return Future.failedFuture(e);
  }

  /** Whether {@code e} says the database could not be reached (or no pooled connection came in time). */
  public static boolean isConnectivity(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedChannelException
          || t instanceof ClosedConnectionException || t instanceof TimeoutException) {
        return true;
      }
      if (t instanceof PgException pg && isConnectionClass(pg.getSqlState())) {
        return true;
      }
      // the pool's acquire timeout: one shared VertxException with no type of its own (vertx-sql-client 5.0.8)
      if (t instanceof io.vertx.core.VertxException && POOL_TIMEOUT.equals(t.getMessage())) {
        return true;
      }
      // the same wait ending while the pool was still opening a connection for it
      if ("NoStackTraceThrowable".equals(t.getClass().getSimpleName()) && "Timeout".equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConnectionClass(String sqlState) {
    // 08: connection exception; 57P0x: the server is shutting down or restarting; 53: out of resources
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.startsWith("53"));
  }
}
