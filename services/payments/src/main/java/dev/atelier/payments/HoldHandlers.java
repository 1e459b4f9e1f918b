package dev.atelier.payments;

import dev.atelier.codecs.orders.OrderCancelled;
import dev.atelier.codecs.orders.OrderConfirmed;
import dev.atelier.codecs.orders.OrderPlaced;
import dev.atelier.codecs.payments.PaymentCaptured;
import dev.atelier.codecs.payments.PaymentFailed;
import dev.atelier.codecs.payments.PaymentHeld;
import dev.atelier.codecs.payments.PaymentReleased;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.messaging.Received;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments' part in the order saga, as a consumer of the orders' events: hold the total in escrow
 * when an order is placed, capture it when the order is confirmed, give it back when the order is
 * cancelled. Each runs in the consumer's transaction (the inbox row commits with it, so a
 * redelivery is harmless), takes the order's lock first, and reads the order's hold before acting,
 * so every step is idempotent on its own too: a second order.placed holds nothing more, a second
 * order.confirmed captures nothing more, a cancel that comes first leaves a tombstone a late
 * order.placed respects. Events name the order as their aggregate, so they leave in order.
 */
final class HoldHandlers {
  private static final Logger log = LoggerFactory.getLogger(HoldHandlers.class);

  private final PaymentsConfig config;
  private final WalletRepository wallets;
  private final LedgerRepository ledger;
  private final HoldRepository holds;
  private final Outbox outbox;

  HoldHandlers(PaymentsConfig config, WalletRepository wallets, LedgerRepository ledger, HoldRepository holds,
               Outbox outbox) {
    this.config = config;
    this.wallets = wallets;
    this.ledger = ledger;
    this.holds = holds;
    this.outbox = outbox;
  }

  /** order.placed: the total leaves the balance into escrow (payment.held), or nothing moves (payment.failed). */
  Future<Void> holdFunds(Received<OrderPlaced> event, SqlConnection tx) {
    OrderPlaced o = event.payload();
    return holds.lockOrder(tx, o.orderId())
        .compose(v -> holds.find(tx, o.orderId()))
        .compose(existing -> {
          if (existing.isPresent()) {
            log.info("order {}: its hold is already {}; order.placed changes nothing", o.orderId(), existing.get().status());
            return Future.succeededFuture();
          }
          if (!o.currency().equals(config.currency())) {
            // the wallets hold nothing in another currency, which is what payment.failed says
            log.warn("order {} is in {}, the wallets in {}: it cannot be paid", o.orderId(), o.currency(), config.currency());
          }
          return wallets.ensure(tx, o.customerId(), config.currency())
              .compose(v -> wallets.hold(tx, o.customerId(), o.totalCents(), o.currency()))
              .compose(debited -> debited.isPresent()
                  ? held(tx, event, Hold.held(o.orderId(), o.customerId(), o.totalCents(), o.currency()), debited.get())
                  : failed(tx, event, Hold.failed(o.orderId(), o.customerId(), o.totalCents(), o.currency())));
        });
  }

  /** order.confirmed: the held total goes from escrow to sales (payment.captured); no HELD hold, nothing to do. */
  Future<Void> captureHold(Received<OrderConfirmed> event, SqlConnection tx) {
    UUID orderId = event.payload().orderId();
    return holds.lockOrder(tx, orderId)
        .compose(v -> holds.find(tx, orderId))
        .compose(found -> {
          if (found.isPresent() && found.get().status() == Hold.Status.CAPTURED) {
            log.info("order {} confirmed again: its hold is already captured", orderId);
            return Future.succeededFuture();
          }
          if (found.isEmpty() || !found.get().isHeld()) {
            // the saga confirms only after payment.held: this is another service's inconsistency, not ours to fix
            log.warn("order {} confirmed, but its hold is {}: nothing to capture", orderId,
                found.map(h -> h.status().name()).orElse("missing"));
            return Future.succeededFuture();
          }
          Hold hold = found.get();
          Hold captured = hold.capture();
          return holds.move(tx, hold, captured)
              .compose(v -> wallets.capture(tx, hold.customerId(), hold.amountCents()))
              .compose(w -> transfer(tx, Posting.Kind.CAPTURE, hold, SystemAccount.ESCROW.id(), SystemAccount.SALES.id()))
              .compose(v -> outbox.append(tx, PaymentsApi.PAYMENT_CAPTURED, orderId, new PaymentCaptured(orderId, hold.id(),
                  hold.customerId(), hold.amountCents(), hold.currency()), event.causationId()))
              .<Void>mapEmpty()
              .onSuccess(v -> log.info("order {}: {} {} captured", orderId, hold.amountCents(), hold.currency()));
        });
  }

  /**
   * order.cancelled: a HELD total goes back to the balance (payment.released). No hold yet: a
   * RELEASED tombstone of 0, so a late order.placed holds nothing. Captured, failed or released
   * already: nothing to do.
   */
  Future<Void> releaseHold(Received<OrderCancelled> event, SqlConnection tx) {
    OrderCancelled c = event.payload();
    return holds.lockOrder(tx, c.orderId())
        .compose(v -> holds.find(tx, c.orderId()))
        .compose(found -> {
          if (found.isEmpty()) {
            log.info("order {} cancelled ({}) before it was placed here: tombstone", c.orderId(), c.reason().wire());
            return holds.insert(tx, Hold.tombstone(c.orderId(), c.customerId(), config.currency()), Hold.CANCELLED_BEFORE_PLACED);
          }
          if (!found.get().isHeld()) {
            log.info("order {} cancelled ({}); its hold is {}: nothing to release", c.orderId(), c.reason().wire(),
                found.get().status());
            return Future.succeededFuture();
          }
          Hold hold = found.get();
          Hold released = hold.release();
          return holds.move(tx, hold, released)
              .compose(v -> wallets.release(tx, hold.customerId(), hold.amountCents()))
              .compose(w -> transfer(tx, Posting.Kind.RELEASE, hold, SystemAccount.ESCROW.id(), w.accountId()))
              .compose(v -> outbox.append(tx, PaymentsApi.PAYMENT_RELEASED, c.orderId(), new PaymentReleased(c.orderId(),
                  hold.id(), hold.customerId(), hold.amountCents(), hold.currency()), event.causationId()))
              .<Void>mapEmpty()
              .onSuccess(v -> log.info("order {} cancelled ({}): {} {} released", c.orderId(), c.reason().wire(),
                  hold.amountCents(), hold.currency()));
        });
  }

  private Future<Void> held(SqlConnection tx, Received<OrderPlaced> event, Hold hold, Wallet wallet) {
    return holds.insert(tx, hold, null)
        .compose(v -> transfer(tx, Posting.Kind.HOLD, hold, wallet.accountId(), SystemAccount.ESCROW.id()))
        .compose(v -> outbox.append(tx, PaymentsApi.PAYMENT_HELD, hold.orderId(), new PaymentHeld(hold.orderId(), hold.id(),
            hold.customerId(), hold.amountCents(), hold.currency()), event.causationId()))
        .<Void>mapEmpty()
        .onSuccess(v -> log.info("order {}: {} {} held", hold.orderId(), hold.amountCents(), hold.currency()));
  }

  private Future<Void> failed(SqlConnection tx, Received<OrderPlaced> event, Hold hold) {
    return holds.insert(tx, hold, Hold.INSUFFICIENT_FUNDS)
        .compose(v -> outbox.append(tx, PaymentsApi.PAYMENT_FAILED, hold.orderId(), new PaymentFailed(hold.orderId(),
            hold.customerId(), hold.amountCents(), PaymentFailed.INSUFFICIENT_FUNDS), event.causationId()))
        .<Void>mapEmpty()
        .onSuccess(v -> log.info("order {}: {} {} cannot be held: insufficient funds", hold.orderId(), hold.amountCents(),
            hold.currency()));
  }

  /** The hold's amount between two accounts; an order of 0 moves nothing, so it writes no posting. */
  private Future<Void> transfer(SqlConnection tx, Posting.Kind kind, Hold hold, UUID from, UUID to) {
    if (hold.amountCents() == 0) {
      return Future.succeededFuture();
    }
    return ledger.post(tx, Posting.transfer(kind, hold.orderId(), hold.currency(), from, to, hold.amountCents()));
  }
}
