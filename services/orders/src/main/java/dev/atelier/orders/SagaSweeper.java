package dev.atelier.orders;

import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels PENDING orders whose saga stalled past its deadline (a participant down, an event parked
 * in dead letters): {@code timed_out}, with {@code order.cancelled} so the participants give back
 * whatever they took. Every instance sweeps; {@code SKIP LOCKED} shares the work.
 */
final class SagaSweeper {
  private static final Logger log = LoggerFactory.getLogger(SagaSweeper.class);
  private static final int BATCH = 100;
  private final Pool pool;
  private final OrderRepository orders;
  private final Outbox outbox;
  private final Clock clock;
  private boolean running;

  SagaSweeper(Pool pool, OrderRepository orders, Outbox outbox, Clock clock) {
    this.pool = pool;
    this.orders = orders;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** One sweep, unless the last is still running; answers how many orders it timed out. */
  Future<Integer> sweep() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return pool.withTransaction(tx -> orders.overdue(tx, now, BATCH).compose(overdue -> {
          Future<Void> chain = Future.succeededFuture();
          for (Order o : overdue) {
            chain = chain.compose(v -> SagaHandlers.apply(tx, orders, outbox, o.timeOut(now), null));
          }
          return chain.map(overdue.size());
        }))
        .onSuccess(n -> {
          if (n > 0) {
            log.warn("timed out {} orders whose saga passed its deadline", n);
          }
        })
        .onComplete(ar -> running = false);
  }
}
