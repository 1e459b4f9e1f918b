package dev.atelier.runtime.messaging;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * What a consumer does with one event, inside the transaction that also records the message in
 * the inbox: write the effect through {@code tx} and it commits exactly once per message. A failed
 * future (or a thrown exception) rolls both back, and the message is retried.
 */
@FunctionalInterface
public interface EventHandler<E> {
  Future<?> handle(Received<E> event, SqlConnection tx);
}
