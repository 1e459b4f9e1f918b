package dev.atelier.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.orders.CancelReason;
import dev.atelier.codecs.orders.OrderLine;
import dev.atelier.codecs.orders.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private final Order placed = Order.place(UUID.randomUUID(), UUID.randomUUID(), List.of(
      new OrderLine(UUID.randomUUID(), null, 2, 1_250), new OrderLine(UUID.randomUUID(), "SKU-1", 1, 999)),
      "EUR", T0, Duration.ofSeconds(30));

  @Test
  @DisplayName("a placed order is PENDING with both steps pending, its total summed and its deadline set")
  void placed() {
    assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(placed.stock()).isEqualTo(Order.Step.PENDING);
    assertThat(placed.payment()).isEqualTo(Order.Step.PENDING);
    assertThat(placed.totalCents()).isEqualTo(3_499);
    assertThat(placed.deadline()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  @DisplayName("stock then payment, or payment then stock: CONFIRMED on the second report, decided once")
  void confirmsWhenBothSucceeded() {
    var afterStock = placed.stockReserved(T1);
    assertThat(afterStock.decision()).isEqualTo(Order.Decision.NONE);
    assertThat(afterStock.order().status()).isEqualTo(OrderStatus.PENDING);
    var confirmed = afterStock.order().paymentHeld(T1);
    assertThat(confirmed.decision()).isEqualTo(Order.Decision.CONFIRM);
    assertThat(confirmed.order().status()).isEqualTo(OrderStatus.CONFIRMED);

    var other = placed.paymentHeld(T1).order().stockReserved(T1);
    assertThat(other.decision()).isEqualTo(Order.Decision.CONFIRM);
    // a repeated report after the decision decides nothing again
    assertThat(confirmed.order().paymentHeld(T1).decision()).isEqualTo(Order.Decision.NONE);
    assertThat(confirmed.order().stockReserved(T1).changed(confirmed.order())).isFalse();
  }

  @Test
  @DisplayName("a failed step cancels at once with its reason, whatever the other step did")
  void cancelsOnFailure() {
    var noStock = placed.paymentHeld(T1).order().stockRejected(T1);
    assertThat(noStock.decision()).isEqualTo(Order.Decision.CANCEL);
    assertThat(noStock.order().cancelReason()).isEqualTo(CancelReason.OUT_OF_STOCK);

    var noFunds = placed.paymentFailed(T1);
    assertThat(noFunds.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(noFunds.order().cancelReason()).isEqualTo(CancelReason.INSUFFICIENT_FUNDS);
    // the late success of the other step changes nothing: the participants undo it on order.cancelled
    var late = noFunds.order().stockReserved(T1);
    assertThat(late.decision()).isEqualTo(Order.Decision.NONE);
    assertThat(late.order()).isEqualTo(noFunds.order());
    // nor does a second failure change the reason
    assertThat(noFunds.order().stockRejected(T1).order().cancelReason()).isEqualTo(CancelReason.INSUFFICIENT_FUNDS);
  }

  @Test
  @DisplayName("the customer may cancel while PENDING only; afterwards it is a CONFLICT")
  void customerCancel() {
    var cancelled = placed.stockReserved(T1).order().cancelByCustomer(T1);
    assertThat(cancelled.decision()).isEqualTo(Order.Decision.CANCEL);
    assertThat(cancelled.order().cancelReason()).isEqualTo(CancelReason.CANCELLED_BY_CUSTOMER);

    Order confirmed = placed.stockReserved(T1).order().paymentHeld(T1).order();
    assertThatThrownBy(() -> confirmed.cancelByCustomer(T1))
        .isInstanceOf(Failure.class).extracting(e -> ((Failure) e).code()).isEqualTo(FailureCode.CONFLICT);
    assertThatThrownBy(() -> cancelled.order().cancelByCustomer(T1)).isInstanceOf(Failure.class);
  }

  @Test
  @DisplayName("the sweeper times out a PENDING order only once its deadline passed")
  void timeOut() {
    assertThat(placed.timeOut(T0.plusSeconds(29)).decision()).isEqualTo(Order.Decision.NONE);
    var timedOut = placed.timeOut(T0.plusSeconds(30));
    assertThat(timedOut.decision()).isEqualTo(Order.Decision.CANCEL);
    assertThat(timedOut.order().cancelReason()).isEqualTo(CancelReason.TIMED_OUT);
    Order confirmed = placed.stockReserved(T1).order().paymentHeld(T1).order();
    assertThat(confirmed.timeOut(T0.plusSeconds(60)).decision()).isEqualTo(Order.Decision.NONE);
  }

  @Test
  @DisplayName("a reason exactly when CANCELLED: an inconsistent order cannot be built")
  void reasonIffCancelled() {
    assertThatThrownBy(() -> new Order(placed.id(), placed.customerId(), OrderStatus.CANCELLED, null, Order.Step.PENDING,
        Order.Step.PENDING, placed.lines(), 0, "EUR", T0, T0, T0)).isInstanceOf(IllegalArgumentException.class);
  }
}
