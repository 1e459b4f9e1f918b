package dev.atelier.orders;

import dev.atelier.codecs.orders.CancelReason;
import dev.atelier.codecs.orders.OrderPage;
import dev.atelier.codecs.orders.OrderStatus;
import dev.atelier.codecs.orders.OrderView;
import dev.atelier.runtime.db.PageCursor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code order_views} table, the read model behind {@code GET /api/orders}. An event does not
 * carry the whole order, and events of one order may be handled out of order; so each one copies the
 * order's current row from the write side. Whichever event comes last, the view ends equal to it.
 */
final class OrderViewRepository {
  private static final String PROJECT = """
      INSERT INTO order_views (id, customer_id, status, cancel_reason, lines, total_cents, currency, created_at, updated_at)
      SELECT id, customer_id, status, cancel_reason, lines, total_cents, currency, created_at, updated_at
      FROM orders WHERE id = $1
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, cancel_reason = excluded.cancel_reason,
        updated_at = excluded.updated_at
      WHERE order_views.updated_at <= excluded.updated_at""";
  private static final String PAGE = """
      SELECT id, customer_id, status, cancel_reason, lines, total_cents, currency, created_at, updated_at
      FROM order_views
      WHERE customer_id = $1 AND ($2::text IS NULL OR status = $2)
        AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
      ORDER BY created_at DESC, id DESC LIMIT $5""";

  Future<Void> project(SqlClient tx, UUID orderId) {
    return tx.preparedQuery(PROJECT).execute(Tuple.of(orderId)).mapEmpty();
  }

  Future<OrderPage> page(SqlClient db, UUID customerId, OrderStatus status, PageCursor after, int limit) {
    Tuple args = Tuple.of(customerId, status == null ? null : status.name(),
        after == null ? null : OrderRepository.at(after.createdAt()), after == null ? null : after.id(), limit + 1);
    return db.preparedQuery(PAGE).execute(args).map(rows -> {
      List<OrderView> items = new ArrayList<>();
      for (Row r : rows) {
        items.add(read(r));
      }
      String next = null;
      if (items.size() > limit) {
        items = items.subList(0, limit);
        OrderView last = items.get(limit - 1);
        next = new PageCursor(last.createdAt(), last.id()).encode();
      }
      return new OrderPage(items, next);
    });
  }

  private static OrderView read(Row r) {
    String reason = r.getString("cancel_reason");
    return new OrderView(r.getUUID("id"), r.getUUID("customer_id"), OrderStatus.valueOf(r.getString("status")),
        reason == null ? null : CancelReason.fromWire(reason), OrderRepository.lines(r.getJsonArray("lines")),
        r.getLong("total_cents"), r.getString("currency"), r.getOffsetDateTime("created_at").toInstant(),
        r.getOffsetDateTime("updated_at").toInstant());
  }
}
