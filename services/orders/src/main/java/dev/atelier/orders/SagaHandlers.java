package dev.atelier.orders;

import dev.atelier.codecs.orders.OrderCancelled;
import dev.atelier.codecs.orders.OrderConfirmed;
import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.messaging.Received;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saga's orchestration: the participants' reports ({@code stock.*}, {@code payment.*}) applied
 * to the order under a row lock, in the consumer's transaction (so a redelivered report changes
 * nothing twice), and the decision emitted with the change that made it.
 */
final class SagaHandlers {
  private static final Logger log = LoggerFactory.getLogger(SagaHandlers.class);
  private final OrderRepository orders;
  private final Outbox outbox;
  private final Clock clock;

  SagaHandlers(OrderRepository orders, Outbox outbox, Clock clock) {
    this.orders = orders;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Applies {@code step} to the order {@code orderId}, which {@code event} reported on. */
  Future<Void> report(SqlConnection tx, UUID orderId, Received<?> event, BiFunction<Order, Instant, Order.Outcome> step) {
    return orders.forUpdate(tx, orderId).compose(found -> {
      if (found.isEmpty()) {
        // not one of ours (or written by another deployment): nothing to decide
        log.warn("{} {} for unknown order {}", event.envelope().type(), event.envelope().id(), orderId);
        return Future.succeededFuture();
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      return apply(tx, orders, outbox, step.apply(found.get(), now), event.causationId());
    });
  }

  /** Stores an outcome that changed the order, with the event its decision calls for. */
  static Future<Void> apply(SqlConnection tx, OrderRepository orders, Outbox outbox, Order.Outcome outcome, String causationId) {
    Order o = outcome.order();
    Future<Void> stored = orders.update(tx, o);
    return switch (outcome.decision()) {
      case NONE -> stored;
      case CONFIRM -> stored.compose(v -> outbox.append(tx, OrdersApi.ORDER_CONFIRMED, o.id(),
          new OrderConfirmed(o.id(), o.customerId(), o.totalCents(), o.currency()), causationId)).mapEmpty();
      case CANCEL -> stored.compose(v -> outbox.append(tx, OrdersApi.ORDER_CANCELLED, o.id(),
          new OrderCancelled(o.id(), o.customerId(), o.cancelReason()), causationId)).mapEmpty();
    };
  }
}
