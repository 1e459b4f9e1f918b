package dev.atelier.payments;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** All SQL on holds. The table's trigger allows only HELD to CAPTURED and HELD to RELEASED. */
final class HoldRepository {
  // the order's events may be handled at once (prefetch, competing instances): the first takes the
  // lock, the others wait and then see its committed hold. Without it, a cancel and a place of one
  // order could both find no hold. Two int keys: a space apart from the single-bigint locks.
  private static final String LOCK_ORDER = "SELECT pg_advisory_xact_lock(hashtext('payments.holds'), hashtext($1::uuid::text))";
  private static final String FIND = """
      SELECT id, order_id, customer_id, amount_cents, currency, status FROM holds WHERE order_id = $1 FOR UPDATE""";
  private static final String INSERT = """
      INSERT INTO holds (id, order_id, customer_id, amount_cents, currency, status, reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";
  // conditional on the status read: a move that lost a race changes nothing
  private static final String MOVE = """
      UPDATE holds SET status = $3, updated_at = clock_timestamp() WHERE id = $1 AND status = $2""";

  /** Serialises this transaction with every other one about the same order, until it ends. */
  Future<Void> lockOrder(SqlClient tx, UUID orderId) {
    return tx.preparedQuery(LOCK_ORDER).execute(Tuple.of(orderId)).mapEmpty();
  }

  Future<Optional<Hold>> find(SqlClient tx, UUID orderId) {
    return tx.preparedQuery(FIND).execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toHold(rows.iterator().next())));
  }

  Future<Void> insert(SqlClient tx, Hold h, String reason) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {h.id(), h.orderId(), h.customerId(), h.amountCents(), h.currency(),
            h.status().name(), reason}))
        .mapEmpty();
  }

  /** Stores {@code to}, the next state of {@code from}; fails if the stored hold is no longer {@code from}'s status. */
  Future<Void> move(SqlClient tx, Hold from, Hold to) {
    return tx.preparedQuery(MOVE).execute(Tuple.of(from.id(), from.status().name(), to.status().name()))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException("hold " + from.id() + " is no longer " + from.status())));
  }

  private static Hold toHold(Row r) {
    return new Hold(r.getUUID("id"), r.getUUID("order_id"), r.getUUID("customer_id"), r.getLong("amount_cents"),
        r.getString("currency"), Hold.Status.valueOf(r.getString("status")));
  }
}
