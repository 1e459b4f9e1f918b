package dev.atelier.orders;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.orders.CancelReason;
import dev.atelier.codecs.orders.OrderLine;
import dev.atelier.codecs.orders.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code orders} table: the write side and its saga state. */
final class OrderRepository {
  private static final String COLUMNS = "id, customer_id, status, cancel_reason, stock_step, payment_step, lines, "
      + "total_cents, currency, created_at, updated_at, deadline";
  // a replay of the same request (same customer, same Idempotency-Key) inserts nothing
  private static final String INSERT = "INSERT INTO orders (" + COLUMNS + ", request_key)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
      + " ON CONFLICT (customer_id, request_key) DO NOTHING RETURNING id";
  private static final String BY_REQUEST = "SELECT " + COLUMNS + " FROM orders WHERE customer_id = $1 AND request_key = $2";
  private static final String OWNED = "SELECT " + COLUMNS + " FROM orders WHERE id = $1 AND customer_id = $2";
  private static final String OWNED_FOR_UPDATE = OWNED + " FOR UPDATE";
  private static final String FOR_UPDATE = "SELECT " + COLUMNS + " FROM orders WHERE id = $1 FOR UPDATE";
  private static final String UPDATE = "UPDATE orders SET status = $2, cancel_reason = $3, stock_step = $4, "
      + "payment_step = $5, updated_at = $6 WHERE id = $1";
  // several sweepers (one per instance and node) share the work without waiting on each other
  private static final String OVERDUE = "SELECT " + COLUMNS + " FROM orders WHERE status = 'PENDING' AND deadline < $1"
      + " ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED";

  /** True when inserted; false when this customer already placed an order with {@code requestKey}. */
  Future<Boolean> insert(SqlClient tx, Order o, String requestKey) {
    return tx.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(o.id(), o.customerId(), o.status().name(),
            reason(o.cancelReason()), o.stock().name(), o.payment().name(), lines(o.lines()), o.totalCents(), o.currency(),
            at(o.createdAt()), at(o.updatedAt()), at(o.deadline()), requestKey)))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Optional<Order>> byRequest(SqlClient db, UUID customerId, String requestKey) {
    return db.preparedQuery(BY_REQUEST).execute(Tuple.of(customerId, requestKey)).map(OrderRepository::first);
  }

  /** The customer's own order; another customer's is absent, like one that does not exist. */
  Future<Optional<Order>> owned(SqlClient db, UUID id, UUID customerId) {
    return db.preparedQuery(OWNED).execute(Tuple.of(id, customerId)).map(OrderRepository::first);
  }

  Future<Optional<Order>> ownedForUpdate(SqlClient tx, UUID id, UUID customerId) {
    return tx.preparedQuery(OWNED_FOR_UPDATE).execute(Tuple.of(id, customerId)).map(OrderRepository::first);
  }

  Future<Optional<Order>> forUpdate(SqlClient tx, UUID id) {
    return tx.preparedQuery(FOR_UPDATE).execute(Tuple.of(id)).map(OrderRepository::first);
  }

  Future<Void> update(SqlClient tx, Order o) {
    return tx.preparedQuery(UPDATE).execute(Tuple.of(o.id(), o.status().name(), reason(o.cancelReason()),
        o.stock().name(), o.payment().name(), at(o.updatedAt()))).mapEmpty();
  }

  Future<List<Order>> overdue(SqlClient tx, Instant now, int limit) {
    return tx.preparedQuery(OVERDUE).execute(Tuple.of(at(now), limit)).map(rows -> {
      List<Order> out = new ArrayList<>();
      rows.forEach(r -> out.add(read(r)));
      return out;
    });
  }

  private static Optional<Order> first(io.vertx.sqlclient.RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next()));
  }

  static Order read(Row r) {
    String reason = r.getString("cancel_reason");
    return new Order(r.getUUID("id"), r.getUUID("customer_id"), OrderStatus.valueOf(r.getString("status")),
        reason == null ? null : CancelReason.fromWire(reason), Order.Step.valueOf(r.getString("stock_step")),
        Order.Step.valueOf(r.getString("payment_step")), lines(r.getJsonArray("lines")), r.getLong("total_cents"),
        r.getString("currency"), r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant(),
        r.getOffsetDateTime("deadline").toInstant());
  }

  static JsonArray lines(List<OrderLine> lines) {
    return new JsonArray(ContractJson.toText(lines));
  }

  static List<OrderLine> lines(JsonArray json) {
    return Arrays.asList(ContractJson.mapper().convertValue(json.getList(), OrderLine[].class));
  }

  static String reason(CancelReason reason) {
    return reason == null ? null : reason.wire();
  }

  static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
