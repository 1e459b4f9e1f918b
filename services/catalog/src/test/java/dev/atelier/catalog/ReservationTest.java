package dev.atelier.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.catalog.Reservation.Line;
import dev.atelier.catalog.Reservation.Status;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReservationTest {
  private static final UUID ORDER = UUID.randomUUID();
  // in PostgreSQL's uuid order LOW < HIGH; Java's signed UUID.compareTo says the opposite
  private static final UUID LOW = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID HIGH = UUID.fromString("f0000000-0000-0000-0000-000000000000");
  private static final List<Line> LINES = List.of(new Line(LOW, null, 2));

  @Test
  @DisplayName("an order's lines are merged per product and SKU and sorted: products in uuid order, own stock before SKUs")
  void mergeAndLockOrder() {
    List<Line> merged = Reservation.merge(List.of(
        new Line(HIGH, null, 1),
        new Line(LOW, "B", 1),
        new Line(LOW, null, 3),
        new Line(LOW, "A", 2),
        new Line(LOW, "B", 4),
        new Line(HIGH, null, 5)));

    assertThat(merged).containsExactly(
        new Line(LOW, null, 3),
        new Line(LOW, "A", 2),
        new Line(LOW, "B", 5),
        new Line(HIGH, null, 6));
    assertThat(HIGH.compareTo(LOW)).as("why LOCK_ORDER does not use UUID.compareTo").isNegative();
  }

  @Test
  @DisplayName("order.placed on no reservation: RESERVED with its lines, or REJECTED naming the short line")
  void placed() {
    Reservation reserved = Reservation.reserved(ORDER, LINES);
    Line shortLine = new Line(HIGH, "SKU", 1);
    Reservation rejected = Reservation.rejected(ORDER, List.of(LINES.get(0), shortLine), shortLine);

    assertThat(reserved.status()).isEqualTo(Status.RESERVED);
    assertThat(reserved.lines()).isEqualTo(LINES);
    assertThat(reserved.rejected()).isNull();
    assertThat(rejected.status()).isEqualTo(Status.REJECTED);
    assertThat(rejected.rejected()).isEqualTo(shortLine);
  }

  @Test
  @DisplayName("RESERVED becomes RELEASED or COMMITTED, keeping its lines")
  void fromReserved() {
    Reservation reserved = Reservation.reserved(ORDER, LINES);

    assertThat(reserved.release()).isEqualTo(new Reservation(ORDER, Status.RELEASED, LINES, null));
    assertThat(reserved.commit()).isEqualTo(new Reservation(ORDER, Status.COMMITTED, LINES, null));
  }

  @Test
  @DisplayName("a cancellation before the order was placed leaves a RELEASED tombstone with no lines")
  void tombstone() {
    Reservation tombstone = Reservation.tombstone(ORDER);

    assertThat(tombstone.status()).isEqualTo(Status.RELEASED);
    assertThat(tombstone.lines()).isEmpty();
  }

  @Test
  @DisplayName("every other transition is refused")
  void othersRefused() {
    Reservation rejected = Reservation.rejected(ORDER, LINES, LINES.get(0));
    Reservation released = Reservation.reserved(ORDER, LINES).release();
    Reservation committed = Reservation.reserved(ORDER, LINES).commit();
    for (Reservation r : List.of(rejected, released, committed, Reservation.tombstone(ORDER))) {
      assertThatThrownBy(r::release).as(r.status() + " -> RELEASED").isInstanceOf(Reservation.Refused.class);
      assertThatThrownBy(r::commit).as(r.status() + " -> COMMITTED").isInstanceOf(Reservation.Refused.class)
          .hasMessageContaining(ORDER.toString());
    }
  }

  @Test
  @DisplayName("order.cancelled releases RESERVED, leaves REJECTED and RELEASED alone, and refuses COMMITTED")
  void cancelled() {
    Reservation reserved = Reservation.reserved(ORDER, LINES);

    assertThat(reserved.onCancelled()).contains(reserved.release());
    assertThat(Reservation.rejected(ORDER, LINES, LINES.get(0)).onCancelled()).isEmpty();
    assertThat(reserved.release().onCancelled()).as("cancelled twice").isEmpty();
    assertThat(Reservation.tombstone(ORDER).onCancelled()).isEmpty();
    assertThatThrownBy(() -> reserved.commit().onCancelled()).isInstanceOf(Reservation.Refused.class);
  }

  @Test
  @DisplayName("order.confirmed commits RESERVED, is a no-op on COMMITTED, and refuses REJECTED and RELEASED")
  void confirmed() {
    Reservation reserved = Reservation.reserved(ORDER, LINES);

    assertThat(reserved.onConfirmed()).contains(reserved.commit());
    assertThat(reserved.commit().onConfirmed()).as("confirmed twice").isEmpty();
    assertThatThrownBy(() -> Reservation.rejected(ORDER, LINES, LINES.get(0)).onConfirmed())
        .isInstanceOf(Reservation.Refused.class);
    assertThatThrownBy(() -> reserved.release().onConfirmed()).isInstanceOf(Reservation.Refused.class);
    assertThatThrownBy(() -> Reservation.tombstone(ORDER).onConfirmed()).isInstanceOf(Reservation.Refused.class);
  }

  @Test
  @DisplayName("a reservation is REJECTED exactly when it names a rejected line; a line has a product and a quantity")
  void shapes() {
    assertThatThrownBy(() -> new Reservation(ORDER, Status.RESERVED, LINES, LINES.get(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Reservation(ORDER, Status.REJECTED, LINES, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Line(LOW, null, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Line(null, "SKU", 1)).isInstanceOf(NullPointerException.class);
  }
}
