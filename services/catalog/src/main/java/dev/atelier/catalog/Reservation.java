package dev.atelier.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog's side of one order's saga: what it took from stock for the order and where the saga
 * left it. The transitions are none→RESERVED|REJECTED (order.placed), none→RELEASED (order.cancelled
 * before order.placed arrived: a tombstone, so the late order.placed takes nothing), RESERVED→RELEASED
 * (order.cancelled) and RESERVED→COMMITTED (order.confirmed); anything else is {@link Refused}.
 * No Vert.x here: the SQL is in {@link ReservationRepository} and {@link ProductRepository}.
 *
 * @param rejected the line that could not be taken, for REJECTED only
 */
record Reservation(UUID orderId, Status status, List<Line> lines, Line rejected) {
  enum Status { RESERVED, REJECTED, RELEASED, COMMITTED }

  /**
   * A quantity of a product's own stock ({@code variantSku} null) or of one of its variants'.
   * Equal lines of an order are merged and sorted by {@link #LOCK_ORDER}, the order in which every
   * reservation and release takes its row locks, so two of them can never wait on each other.
   */
  record Line(UUID productId, String variantSku, int quantity) {
    Line {
      Objects.requireNonNull(productId, "productId");
      if (quantity < 1) {
        throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
      }
    }

    boolean ofVariant() {
      return variantSku != null;
    }
  }

  /**
   * Products in PostgreSQL's uuid order (unsigned bytes, unlike {@link UUID#compareTo}), and within a
   * product its own stock before its variants (SKUs in order): a product's row is locked before its
   * variants' rows, as the catalog's own updates and deletes do.
   */
  static final Comparator<Line> LOCK_ORDER = Comparator
      .comparing(Line::productId, Reservation::compareUnsigned)
      .thenComparing(Line::variantSku, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** A transition the saga never asks for, such as confirming a rejected order or cancelling a committed one. */
  static final class Refused extends IllegalStateException {
    Refused(String message) {
      super(message);
    }
  }

  Reservation {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
    lines = List.copyOf(lines);
    if ((status == Status.REJECTED) != (rejected != null)) {
      throw new IllegalArgumentException("a rejected line belongs to REJECTED only, and REJECTED needs one");
    }
  }

  /** The lines of an order with each product or variant once (quantities added up), in {@link #LOCK_ORDER}. */
  static List<Line> merge(List<Line> orderLines) {
    Map<List<Object>, Line> merged = new LinkedHashMap<>();
    for (Line l : orderLines) {
      // Arrays.asList, not List.of: a product's own line has a null SKU
      merged.merge(Arrays.asList(l.productId(), l.variantSku()), l,
          (a, b) -> new Line(a.productId(), a.variantSku(), Math.addExact(a.quantity(), b.quantity())));
    }
    List<Line> sorted = new ArrayList<>(merged.values());
    sorted.sort(LOCK_ORDER);
    return List.copyOf(sorted);
  }

  /** none→RESERVED: every line was taken from stock. */
  static Reservation reserved(UUID orderId, List<Line> lines) {
    return new Reservation(orderId, Status.RESERVED, lines, null);
  }

  /** none→REJECTED: {@code shortLine} could not be taken, so none was. */
  static Reservation rejected(UUID orderId, List<Line> lines, Line shortLine) {
    Objects.requireNonNull(shortLine, "shortLine");
    return new Reservation(orderId, Status.REJECTED, lines, shortLine);
  }

  /** none→RELEASED: the order was cancelled before it was placed here; a later order.placed must take nothing. */
  static Reservation tombstone(UUID orderId) {
    return new Reservation(orderId, Status.RELEASED, List.of(), null);
  }

  /** RESERVED→RELEASED: the lines go back to stock. */
  Reservation release() {
    return to(Status.RELEASED);
  }

  /** RESERVED→COMMITTED: the stock stays taken. */
  Reservation commit() {
    return to(Status.COMMITTED);
  }

  /**
   * What order.cancelled does: RESERVED is released; REJECTED took nothing and RELEASED gave it back
   * already, so those stay as they are (empty); COMMITTED is refused: a confirmed order is not cancelled.
   */
  Optional<Reservation> onCancelled() {
    if (status == Status.REJECTED || status == Status.RELEASED) {
      return Optional.empty();
    }
    return Optional.of(release());
  }

  /**
   * What order.confirmed does: RESERVED is committed; COMMITTED again is a repeat (empty); REJECTED and
   * RELEASED are refused: the order was confirmed without the stock this catalog holds for it.
   */
  Optional<Reservation> onConfirmed() {
    if (status == Status.COMMITTED) {
      return Optional.empty();
    }
    return Optional.of(commit());
  }

  private Reservation to(Status next) {
    if (status != Status.RESERVED) {
      throw new Refused("order " + orderId + ": " + status + " cannot become " + next);
    }
    return new Reservation(orderId, next, lines, null);
  }

  private static int compareUnsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
