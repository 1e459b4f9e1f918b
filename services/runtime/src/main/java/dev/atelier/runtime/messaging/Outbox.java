package dev.atelier.runtime.messaging;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.runtime.ops.Correlation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Appends a domain event to the service's own {@code outbox} table, in the caller's transaction:
 * the event exists exactly when the change it describes was committed. {@link OutboxRelay}
 * publishes committed rows to RabbitMQ.
 *
 * <p>The same statement issues {@code pg_notify('outbox_<schema>')}: PostgreSQL delivers it only
 * when the transaction commits (never for a rollback) and folds the repeats of one transaction into
 * one, so the relay wakes within milliseconds of the commit at no extra round trip.
 */
public final class Outbox {
  /** The LISTEN/NOTIFY channel of a schema's outbox. */
  public static String channel(String schema) {
    return "outbox_" + schema;
  }

  // unqualified: the pool's search_path is the service's own schema, and current_schema() names it
  private static final String APPEND = """
      INSERT INTO outbox (id, type, version, aggregate_id, correlation_id, causation_id, payload)
      VALUES ($1, $2, 1, $3, $4, $5, $6)
      RETURNING pg_notify('outbox_' || current_schema(), '')""";

  public <E> Future<UUID> append(SqlClient tx, Topic<E> topic, UUID aggregateId, E event) {
    return append(tx, topic, aggregateId, event, null);
  }

  /** The same, naming the message that caused this event (a consumer emitting a follow-up event). */
  public <E> Future<UUID> append(SqlClient tx, Topic<E> topic, UUID aggregateId, E event, String causationId) {
    UUID id = UUID.randomUUID();
    var payload = new JsonObject(ContractJson.toText(event));
    return tx.preparedQuery(APPEND)
        .execute(Tuple.of(id, topic.type(), aggregateId, Correlation.current(), causationId, payload))
        .map(id);
  }
}
