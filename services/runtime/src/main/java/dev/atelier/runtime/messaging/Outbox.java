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
 * the event exists exactly when the change it describes was committed. The relay that publishes
 * committed rows to RabbitMQ comes with the messaging issue; until then rows wait unpublished.
 */
public final class Outbox {
  // unqualified: the pool's search_path is the service's own schema
  private static final String APPEND = """
      INSERT INTO outbox (id, type, version, aggregate_id, correlation_id, payload)
      VALUES ($1, $2, 1, $3, $4, $5)""";

  public <E> Future<UUID> append(SqlClient tx, Topic<E> topic, UUID aggregateId, E event) {
    UUID id = UUID.randomUUID();
    var payload = new JsonObject(ContractJson.toText(event));
    return tx.preparedQuery(APPEND)
        .execute(Tuple.of(id, topic.type(), aggregateId, Correlation.current(), payload))
        .map(id);
  }
}
