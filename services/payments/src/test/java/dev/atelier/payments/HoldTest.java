package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.payments.Hold.Status;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HoldTest {
  private static final UUID ORDER = UUID.randomUUID();
  private static final UUID CUSTOMER = UUID.randomUUID();

  @Test
  @DisplayName("a held hold is captured or released, keeping everything but its status")
  void heldMovesOnce() {
    Hold held = Hold.held(ORDER, CUSTOMER, 4_900, "EUR");

    Hold captured = held.capture();
    Hold released = held.release();

    assertThat(captured.status()).isEqualTo(Status.CAPTURED);
    assertThat(released.status()).isEqualTo(Status.RELEASED);
    assertThat(captured.id()).isEqualTo(held.id());
    assertThat(captured.amountCents()).isEqualTo(4_900);
    assertThat(held.isHeld()).isTrue();
    assertThat(captured.isHeld()).isFalse();
  }

  @Test
  @DisplayName("a second capture, a capture after a release and a release after a capture are refused")
  void settledIsFinal() {
    Hold captured = Hold.held(ORDER, CUSTOMER, 4_900, "EUR").capture();
    Hold released = Hold.held(ORDER, CUSTOMER, 4_900, "EUR").release();

    assertThatThrownBy(captured::capture).isInstanceOf(IllegalStateException.class).hasMessageContaining("from CAPTURED to CAPTURED");
    assertThatThrownBy(released::capture).hasMessageContaining("from RELEASED to CAPTURED");
    assertThatThrownBy(captured::release).hasMessageContaining("from CAPTURED to RELEASED");
    assertThatThrownBy(released::release).hasMessageContaining("from RELEASED to RELEASED");
  }

  @Test
  @DisplayName("a failed hold and a tombstone never move")
  void failedAndTombstoneNeverMove() {
    Hold failed = Hold.failed(ORDER, CUSTOMER, 4_900, "EUR");
    Hold tombstone = Hold.tombstone(ORDER, CUSTOMER, "EUR");

    assertThat(tombstone.status()).isEqualTo(Status.RELEASED);
    assertThat(tombstone.amountCents()).isZero();
    assertThatThrownBy(failed::capture).hasMessageContaining("from FAILED");
    assertThatThrownBy(failed::release).hasMessageContaining("from FAILED");
    assertThatThrownBy(tombstone::capture).hasMessageContaining("from RELEASED");
  }

  @Test
  @DisplayName("the transition table: only HELD to CAPTURED and HELD to RELEASED")
  void transitionTable() {
    for (Status from : Status.values()) {
      for (Status to : Status.values()) {
        boolean allowed = from == Status.HELD && (to == Status.CAPTURED || to == Status.RELEASED);
        assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(allowed);
      }
    }
  }

  @Test
  @DisplayName("a hold's amount is never negative")
  void negativeRefused() {
    assertThatThrownBy(() -> Hold.held(ORDER, CUSTOMER, -1, "EUR")).hasMessageContaining("0 or more");
  }
}
