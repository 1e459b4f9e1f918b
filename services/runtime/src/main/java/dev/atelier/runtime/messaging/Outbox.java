package dev.atelier.runtime.messaging;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.runtime.ops.Correlation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Appends a domain event to the service's own {@code outbox} table, in the caller's transaction:
 * the event exists exactly when the change it describes was committed. {@link OutboxRelay}
 * publishes committed rows to RabbitMQ.
 *
 * <p>Once that transaction has committed (at once for a statement outside a transaction), this
 * node's relay of the schema is woken with a local event-bus message, so it publishes within
 * milliseconds. Not with {@code NOTIFY}: a notifying transaction holds PostgreSQL's database-wide
 * notify lock through its commit's WAL flush, so notifying transactions commit one at a time, one
 * disk flush each (pgbench, 8 clients on the 2-core bench machine: about 270 commits/s with a
 * NOTIFY, 1,300 without). The relay runs on the node of the service that writes its schema; its
 * poll finds anything whose wake-up was lost (a crash right after the commit, a write from
 * another process, which may also send {@code NOTIFY outbox_<schema>}).
 */
public final class Outbox {
  /** The LISTEN/NOTIFY channel of a schema's outbox: other processes may still wake the relay with it. */
  public static String channel(String schema) {
    return "outbox_" + schema;
  }

  /** The local event-bus address that wakes this node's relay of {@code schema}. */
  public static String wakeAddress(String schema) {
    return "atelier.outbox.wake." + schema;
  }

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  // unqualified: the pool's search_path is the service's own schema, and current_schema() names it
  private static final String APPEND = """
      INSERT INTO outbox (id, type, version, aggregate_id, correlation_id, causation_id, payload)
      VALUES ($1, $2, 1, $3, $4, $5, $6)
      RETURNING current_schema()""";

  public <E> Future<UUID> append(SqlClient tx, Topic<E> topic, UUID aggregateId, E event) {
    return append(tx, topic, aggregateId, event, null);
  }

  /** The same, naming the message that caused this event (a consumer emitting a follow-up event). */
  public <E> Future<UUID> append(SqlClient tx, Topic<E> topic, UUID aggregateId, E event, String causationId) {
    UUID id = UUID.randomUUID();
    var payload = new JsonObject(ContractJson.toText(event));
    return tx.preparedQuery(APPEND)
        .execute(Tuple.of(id, topic.type(), aggregateId, Correlation.current(), causationId, payload))
        .map(rows -> {
          wakeAfterCommit(tx, rows.iterator().next().getString(0));
          return id;
        });
  }

  private static void wakeAfterCommit(SqlClient tx, String schema) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return;  // off Vert.x threads: the relay's poll finds the row
    }
    Vertx vertx = context.owner();
    Transaction transaction = tx instanceof SqlConnection conn ? conn.transaction() : null;
    if (transaction == null) {
      wake(vertx, schema);  // no transaction: the statement has committed
    } else {
      transaction.completion().onSuccess(v -> wake(vertx, schema));
    }
  }

  private static void wake(Vertx vertx, String schema) {
    vertx.eventBus().publish(wakeAddress(schema), null, LOCAL);
  }
}
