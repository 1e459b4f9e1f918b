package dev.atelier.runtime.messaging;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;

/** The {@code inbox} table of the consuming service's schema: which messages a queue has processed. */
final class Inbox {
  // a concurrent redelivery of the same message waits on the first one's uncommitted row, then
  // finds it: the second transaction has no effect whichever way the first one ends
  private static final String CLAIM = """
      INSERT INTO inbox (queue, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING""";
  private static final String FORGET = """
      DELETE FROM inbox WHERE processed_at < clock_timestamp() - make_interval(secs => $1)""";

  private Inbox() {}

  /** True when the message is new to {@code queue}; its row then commits with the caller's transaction. */
  static Future<Boolean> claim(SqlClient tx, String queue, UUID messageId) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(queue, messageId)).map(rows -> rows.rowCount() == 1);
  }

  /** Forgets messages processed longer ago than {@code retention} (far longer than any redelivery). */
  static Future<Integer> forget(Pool pool, Duration retention) {
    return pool.preparedQuery(FORGET).execute(Tuple.of((double) retention.toSeconds())).map(RowSet::rowCount);
  }
}
