package dev.atelier.payments;

import java.util.Objects;
import java.util.UUID;

/**
 * Escrow for one order. It is born HELD (the total left the customer's balance), FAILED (it could
 * not), or as a RELEASED tombstone of 0 (the order was cancelled before it was placed here); the
 * only moves are HELD to CAPTURED and HELD to RELEASED, once. The holds table's trigger refuses
 * every other move, so a second capture cannot happen even outside this class.
 */
record Hold(UUID id, UUID orderId, UUID customerId, long amountCents, String currency, Status status) {
  enum Status {
    HELD, CAPTURED, RELEASED, FAILED;

    boolean canBecome(Status next) {
      return this == HELD && (next == CAPTURED || next == RELEASED);
    }
  }

  /** Why a FAILED hold failed (PaymentFailed's reason). */
  static final String INSUFFICIENT_FUNDS = "insufficient_funds";
  /** What a tombstone records. */
  static final String CANCELLED_BEFORE_PLACED = "cancelled_before_placed";

  Hold {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(status, "status");
    if (amountCents < 0) {
      throw new IllegalArgumentException("a hold's amount is 0 or more, not " + amountCents);
    }
  }

  static Hold held(UUID orderId, UUID customerId, long amountCents, String currency) {
    return new Hold(UUID.randomUUID(), orderId, customerId, amountCents, currency, Status.HELD);
  }

  static Hold failed(UUID orderId, UUID customerId, long amountCents, String currency) {
    return new Hold(UUID.randomUUID(), orderId, customerId, amountCents, currency, Status.FAILED);
  }

  /** The order was cancelled before it was placed here: nothing is held, and nothing will be. */
  static Hold tombstone(UUID orderId, UUID customerId, String currency) {
    return new Hold(UUID.randomUUID(), orderId, customerId, 0, currency, Status.RELEASED);
  }

  boolean isHeld() {
    return status == Status.HELD;
  }

  /** The held funds go to the seller; only from HELD. */
  Hold capture() {
    return moveTo(Status.CAPTURED);
  }

  /** The held funds go back to the customer; only from HELD. */
  Hold release() {
    return moveTo(Status.RELEASED);
  }

  private Hold moveTo(Status next) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException("hold " + id + " cannot go from " + status + " to " + next);
    }
    return new Hold(id, orderId, customerId, amountCents, currency, next);
  }
}
