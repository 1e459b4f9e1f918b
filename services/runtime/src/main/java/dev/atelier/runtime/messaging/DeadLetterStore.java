package dev.atelier.runtime.messaging;

import dev.atelier.runtime.db.PageCursor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code messaging.dead_letters} table: consumers park their dead-letter queues here (the
 * broker can only hand messages out, not list them), operators list, replay and discard by id.
 * Table names are qualified, so any service's pool can park.
 */
public final class DeadLetterStore {
  /** The schema the table lives in; {@code Migrations.run(vertx, pg, SCHEMA)} creates it. */
  public static final String SCHEMA = "messaging";

  private static final String COLUMNS =
      "id, queue, routing_key, type, message_id, correlation_id, attempts, last_error, headers, body, parked_at";
  private static final String PARK = "INSERT INTO messaging.dead_letters (" + COLUMNS + ")"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp()) ON CONFLICT (id) DO NOTHING";
  private static final String PAGE = "SELECT " + COLUMNS + " FROM messaging.dead_letters"
      + " WHERE ($1::text IS NULL OR queue = $1) AND ($2::timestamptz IS NULL OR (parked_at, id) > ($2, $3))"
      + " ORDER BY parked_at, id LIMIT $4";
  private static final String FIND = "SELECT " + COLUMNS + " FROM messaging.dead_letters WHERE id = $1";
  private static final String DELETE = "DELETE FROM messaging.dead_letters WHERE id = $1";
  private static final String COUNT = "SELECT count(*) AS n FROM messaging.dead_letters";

  public Future<Void> park(SqlClient db, DeadLetter d) {
    return db.preparedQuery(PARK).execute(Tuple.from(new Object[] {
        d.id(), d.queue(), d.routingKey(), d.type(), d.messageId(), d.correlationId(), d.attempts(), d.lastError(),
        d.headers(), Buffer.buffer(d.body())})).mapEmpty();
  }

  /** The oldest parked messages first, of one queue or (null) of all. */
  public Future<List<DeadLetter>> list(SqlClient db, String queue, int limit) {
    return list(db, queue, null, limit);
  }

  /** The same, after the one parked at {@code after} (a page's last: its parked time and id), or from the start. */
  public Future<List<DeadLetter>> list(SqlClient db, String queue, PageCursor after, int limit) {
    Tuple args = Tuple.of(queue, after == null ? null : after.createdAt().atOffset(java.time.ZoneOffset.UTC),
        after == null ? null : after.id(), limit);
    return db.preparedQuery(PAGE).execute(args).map(rows -> {
      List<DeadLetter> out = new ArrayList<>();
      rows.forEach(r -> out.add(read(r)));
      return out;
    });
  }

  public Future<Optional<DeadLetter>> find(SqlClient db, UUID id) {
    return db.preparedQuery(FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  /** True when it was there. */
  public Future<Boolean> delete(SqlClient db, UUID id) {
    return db.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Long> count(SqlClient db) {
    return db.query(COUNT).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  private static DeadLetter read(Row r) {
    OffsetDateTime parked = r.getOffsetDateTime("parked_at");
    Object headers = r.getValue("headers");
    return new DeadLetter(r.getUUID("id"), r.getString("queue"), r.getString("routing_key"), r.getString("type"),
        r.getString("message_id"), r.getString("correlation_id"), r.getInteger("attempts"), r.getString("last_error"),
        headers instanceof JsonObject j ? j : new JsonObject(), r.getBuffer("body").getBytes(), parked.toInstant());
  }
}
