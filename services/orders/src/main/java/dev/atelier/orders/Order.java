package dev.atelier.orders;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.orders.CancelReason;
import dev.atelier.codecs.orders.OrderLine;
import dev.atelier.codecs.orders.OrderStatus;
import dev.atelier.codecs.orders.OrderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order and its saga, without I/O. The catalog's stock reservation and the payments hold run in
 * parallel, each reported back once; the order is CONFIRMED when both succeeded and CANCELLED as
 * soon as one failed, the customer cancelled or the deadline passed. A final order ignores every
 * later report: the participants undo their part on {@code order.cancelled}, whenever it reaches them.
 */
public record Order(UUID id, UUID customerId, OrderStatus status, CancelReason cancelReason, Step stock, Step payment,
                    List<OrderLine> lines, long totalCents, String currency, Instant createdAt, Instant updatedAt,
                    Instant deadline) {
  /** How far a participant's step got. */
  public enum Step { PENDING, DONE, FAILED }

  /** What a change decided: nothing yet, or the one event that ends the saga. */
  public enum Decision { NONE, CONFIRM, CANCEL }

  /** The order after a report, and what it decided. */
  public record Outcome(Order order, Decision decision) {
    public boolean changed(Order before) {
      return !order.equals(before);
    }
  }

  public Order {
    lines = List.copyOf(lines);
    if ((status == OrderStatus.CANCELLED) != (cancelReason != null)) {
      throw new IllegalArgumentException("a cancel reason exactly when CANCELLED: " + status + "/" + cancelReason);
    }
  }

  public static Order place(UUID id, UUID customerId, List<OrderLine> lines, String currency, Instant now, Duration sagaDeadline) {
    long total = 0;
    for (OrderLine l : lines) {
      total = Math.addExact(total, Math.multiplyExact(l.unitPriceCents(), (long) l.quantity()));
    }
    return new Order(id, customerId, OrderStatus.PENDING, null, Step.PENDING, Step.PENDING, lines, total, currency,
        now, now, now.plus(sagaDeadline));
  }

  public Outcome stockReserved(Instant now) {
    return status.isFinal() || stock != Step.PENDING ? unchanged() : advance(Step.DONE, payment, now);
  }

  public Outcome stockRejected(Instant now) {
    return status.isFinal() ? unchanged() : cancel(CancelReason.OUT_OF_STOCK, Step.FAILED, payment, now);
  }

  public Outcome paymentHeld(Instant now) {
    return status.isFinal() || payment != Step.PENDING ? unchanged() : advance(stock, Step.DONE, now);
  }

  public Outcome paymentFailed(Instant now) {
    return status.isFinal() ? unchanged() : cancel(CancelReason.INSUFFICIENT_FUNDS, stock, Step.FAILED, now);
  }

  /** The customer's cancellation: CONFLICT once the order is final. */
  public Outcome cancelByCustomer(Instant now) {
    if (status.isFinal()) {
      throw Failure.conflict("order " + id + " is " + status + " and can no longer be cancelled");
    }
    return cancel(CancelReason.CANCELLED_BY_CUSTOMER, stock, payment, now);
  }

  /** The sweeper's verdict: a PENDING order past its deadline is cancelled. */
  public Outcome timeOut(Instant now) {
    return status.isFinal() || now.isBefore(deadline) ? unchanged() : cancel(CancelReason.TIMED_OUT, stock, payment, now);
  }

  public OrderView view() {
    return new OrderView(id, customerId, status, cancelReason, lines, totalCents, currency, createdAt, updatedAt);
  }

  private Outcome advance(Step stockNow, Step paymentNow, Instant now) {
    boolean confirmed = stockNow == Step.DONE && paymentNow == Step.DONE;
    var next = new Order(id, customerId, confirmed ? OrderStatus.CONFIRMED : OrderStatus.PENDING, null, stockNow, paymentNow,
        lines, totalCents, currency, createdAt, now, deadline);
    return new Outcome(next, confirmed ? Decision.CONFIRM : Decision.NONE);
  }

  private Outcome cancel(CancelReason reason, Step stockNow, Step paymentNow, Instant now) {
    var next = new Order(id, customerId, OrderStatus.CANCELLED, reason, stockNow, paymentNow, lines, totalCents, currency,
        createdAt, now, deadline);
    return new Outcome(next, Decision.CANCEL);
  }

  private Outcome unchanged() {
    return new Outcome(this, Decision.NONE);
  }
}
