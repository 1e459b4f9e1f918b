package dev.atelier.catalog;

import dev.atelier.catalog.Reservation.Line;
import dev.atelier.catalog.Reservation.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** All SQL on the catalog's reservations (one row per order the saga told it about). */
final class ReservationRepository {
  private static final String COLUMNS = "order_id, status, lines, rejected_product_id, rejected_variant_sku";
  private static final String LOCK = "SELECT " + COLUMNS + " FROM reservations WHERE order_id = $1 FOR UPDATE";
  // ON CONFLICT DO NOTHING, not catching 23505: an error aborts the whole transaction, inbox row included.
  // A concurrent insert of the same order waits for the other transaction and, if that commits, does nothing.
  private static final String INSERT = "INSERT INTO reservations (" + COLUMNS + """
      ) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING""";
  private static final String TRANSITION = """
      UPDATE reservations SET status = $3, updated_at = clock_timestamp() WHERE order_id = $1 AND status = $2""";

  /** The order's reservation, its row locked until the transaction ends. */
  Future<Optional<Reservation>> lock(SqlClient tx, UUID orderId) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(orderId)).map(ReservationRepository::first);
  }

  /** Inserts {@code r}; false (and nothing written) when the order already has a reservation. */
  Future<Boolean> insert(SqlClient tx, Reservation r) {
    Line rejected = r.rejected();
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(r.orderId(), r.status().name(), toJson(r.lines()),
            rejected == null ? null : rejected.productId(), rejected == null ? null : rejected.variantSku()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Stores a transition of a reservation the caller has locked; lines never change. */
  Future<Void> transition(SqlClient tx, Reservation from, Reservation to) {
    return tx.preparedQuery(TRANSITION).execute(Tuple.of(from.orderId(), from.status().name(), to.status().name()))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException("reservation of order " + from.orderId()
                + " was not " + from.status() + " any more")));
  }

  private static Optional<Reservation> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    List<Line> lines = fromJson(row.getJsonArray("lines"));
    UUID rejectedProduct = row.getUUID("rejected_product_id");
    String rejectedSku = row.getString("rejected_variant_sku");
    // the rejected line is one of the lines; its quantity is read from there
    Line rejected = rejectedProduct == null ? null : lines.stream()
        .filter(l -> l.productId().equals(rejectedProduct) && Objects.equals(l.variantSku(), rejectedSku))
        .findFirst().orElseThrow(() -> new IllegalStateException("rejected line of order " + row.getUUID("order_id")
            + " is not one of its lines"));
    return Optional.of(new Reservation(row.getUUID("order_id"), Status.valueOf(row.getString("status")), lines, rejected));
  }

  static JsonArray toJson(List<Line> lines) {
    JsonArray json = new JsonArray();
    for (Line l : lines) {
      json.add(new JsonObject().put("productId", l.productId().toString()).put("variantSku", l.variantSku())
          .put("quantity", l.quantity()));
    }
    return json;
  }

  static List<Line> fromJson(JsonArray json) {
    List<Line> lines = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      JsonObject l = json.getJsonObject(i);
      lines.add(new Line(UUID.fromString(l.getString("productId")), l.getString("variantSku"), l.getInteger("quantity")));
    }
    return lines;
  }
}
