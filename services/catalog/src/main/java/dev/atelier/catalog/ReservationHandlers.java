package dev.atelier.catalog;

import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.StockRejected;
import dev.atelier.codecs.catalog.StockReleased;
import dev.atelier.codecs.catalog.StockReserved;
import dev.atelier.codecs.orders.OrderCancelled;
import dev.atelier.codecs.orders.OrderConfirmed;
import dev.atelier.codecs.orders.OrderPlaced;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.messaging.Received;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's steps of the order saga, one method per order event. Each runs in the transaction
 * that records the event in the inbox, so a redelivered event has no second effect; an order's
 * reservation row makes each step idempotent per order too (a repeat of the same fact under another
 * message id changes nothing).
 *
 * <p>Stock changes do not emit {@code product.updated}: that event carries the whole product, so one
 * per reservation would cost a read of the product and put every sale on the bus for consumers that
 * care about names, prices and tags (the AI index). The order-level {@code stock.*} events tell what
 * moved. The cache is kept honest the way the catalog's own writes do it: a versioned tombstone per
 * changed product after commit.
 */
final class ReservationHandlers {
  private static final Logger log = LoggerFactory.getLogger(ReservationHandlers.class);
  private static final String SAVEPOINT = "SAVEPOINT reserve";
  private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT reserve";

  private final Context context;
  private final ReservationRepository reservations;
  private final ProductRepository products;
  private final Outbox outbox;
  private final BiConsumer<UUID, Long> productChanged;

  /**
   * {@code productChanged}: what a committed change of a product's stock must do (evict its cache
   * entry with the new version, tell the loaders); run on {@code context}, the verticle's.
   */
  ReservationHandlers(Context context, ReservationRepository reservations, ProductRepository products, Outbox outbox,
                      BiConsumer<UUID, Long> productChanged) {
    this.context = context;
    this.reservations = reservations;
    this.products = products;
    this.outbox = outbox;
    this.productChanged = productChanged;
  }

  /**
   * order.placed: takes every line from stock or none (stock.reserved or stock.rejected). An order
   * that already has a reservation, such as the tombstone of a cancellation that arrived first, is
   * left alone.
   *
   * <p>The reservation and its event are written first and the stock taken last, so a product's row is
   * locked only from its UPDATE to the commit: concurrent orders of one product queue on that row, and
   * every statement less inside the lock is throughput. A short line rolls back to the savepoint (the
   * row, the event and the earlier lines' stock go; the inbox row stays), and the rejection is written.
   */
  Future<Void> reserveStock(Received<OrderPlaced> event, SqlConnection tx) {
    OrderPlaced order = event.payload();
    UUID orderId = order.orderId();
    var lines = Reservation.merge(order.items().stream()
        .map(l -> new Reservation.Line(l.productId(), l.variantSku(), l.quantity())).toList());
    return tx.query(SAVEPOINT).execute()
        .compose(v -> reservations.insert(tx, Reservation.reserved(orderId, lines)))
        .compose(inserted -> {
          if (!inserted) {
            log.info("order {} placed again, or cancelled before; nothing to do", orderId);
            return Future.succeededFuture();
          }
          return outbox.append(tx, CatalogApi.STOCK_RESERVED, orderId, new StockReserved(orderId), event.causationId())
              .compose(id -> products.takeStock(tx, lines))
              .compose(taken -> {
                if (taken.complete()) {
                  log.info("order {}: stock reserved ({} lines)", orderId, lines.size());
                  afterCommit(tx, taken.versions());
                  return Future.succeededFuture();
                }
                return tx.query(ROLLBACK_TO_SAVEPOINT).execute()
                    .compose(v -> recordRejected(event, tx, Reservation.rejected(orderId, lines, taken.shortLine())));
              });
        });
  }

  private Future<Void> recordRejected(Received<OrderPlaced> event, SqlConnection tx, Reservation rejected) {
    UUID orderId = rejected.orderId();
    Reservation.Line line = rejected.rejected();
    return reservations.insert(tx, rejected).compose(inserted -> {
      if (!inserted) {
        // a cancellation waiting on our rolled-back row got in first: nothing taken, nothing to say
        log.info("order {} was cancelled while its stock was being reserved; nothing reserved", orderId);
        return Future.succeededFuture();
      }
      log.info("order {}: stock rejected at product {} sku {} (quantity {})", orderId, line.productId(),
          line.variantSku(), line.quantity());
      return outbox.append(tx, CatalogApi.STOCK_REJECTED, orderId,
          new StockRejected(orderId, line.productId(), line.variantSku()), event.causationId()).mapEmpty();
    });
  }

  /**
   * order.cancelled: a RESERVED order's stock goes back (stock.released). An order not seen yet gets
   * a RELEASED tombstone (no event: nothing was taken), so its late order.placed takes nothing. A
   * rejected or released order has nothing to give back.
   */
  Future<Void> releaseStock(Received<OrderCancelled> event, SqlConnection tx) {
    UUID orderId = event.payload().orderId();
    // the tombstone first: if order.placed is inserting its row right now, this waits for it and
    // then finds it, instead of both seeing "none"
    return reservations.insert(tx, Reservation.tombstone(orderId)).compose(inserted -> {
      if (inserted) {
        log.info("order {} cancelled ({}) before it was placed here; tombstone kept", orderId, event.payload().reason());
        return Future.succeededFuture();
      }
      return reservations.lock(tx, orderId).compose(found -> {
        Reservation current = found.orElseThrow();
        var next = current.onCancelled();
        if (next.isEmpty()) {
          log.info("order {} cancelled ({}) while {}; nothing to give back", orderId, event.payload().reason(),
              current.status());
          return Future.succeededFuture();
        }
        return products.returnStock(tx, current.lines())
            .compose(versions -> {
              afterCommit(tx, versions);
              return reservations.transition(tx, current, next.get());
            })
            .compose(v -> outbox.append(tx, CatalogApi.STOCK_RELEASED, orderId, new StockReleased(orderId),
                event.causationId()))
            .onSuccess(id -> log.info("order {} cancelled ({}): stock released", orderId, event.payload().reason()))
            .mapEmpty();
      });
    });
  }

  /**
   * order.confirmed: the reserved stock stays taken (COMMITTED; no event). A repeat is harmless; an
   * order confirmed without stock reserved here is refused, so it ends in the dead letters for a person
   * to look at.
   */
  Future<Void> commitStock(Received<OrderConfirmed> event, SqlConnection tx) {
    UUID orderId = event.payload().orderId();
    return reservations.lock(tx, orderId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new Reservation.Refused("order " + orderId + " confirmed but never placed here"));
      }
      var next = found.get().onConfirmed();
      if (next.isEmpty()) {
        return Future.succeededFuture();
      }
      return reservations.transition(tx, found.get(), next.get())
          .onSuccess(v -> log.info("order {} confirmed: stock committed", orderId));
    });
  }

  /**
   * Evicts the changed products once the transaction commits, not before: evicting earlier would let a
   * read put the old stock back. Nobody waits for it (not the ack, not the next message), and a failed
   * eviction is retried by the cache.
   */
  private void afterCommit(SqlConnection tx, Map<UUID, Long> versions) {
    if (versions.isEmpty()) {
      return;
    }
    Map<UUID, Long> changed = Map.copyOf(versions);
    Transaction transaction = tx.transaction();
    Future<Void> committed = transaction == null ? Future.succeededFuture() : transaction.completion();
    committed.onSuccess(v -> context.runOnContext(x -> changed.forEach(productChanged)));
  }
}
