package dev.atelier.gateway.edge;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired idempotency keys every {@code cleanupIntervalSeconds}. Safe on every gateway at
 * once (batches skip rows another is deleting), but one per node is enough.
 */
public final class IdempotencyCleanup {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);
  private final Vertx vertx;
  private final IdempotencyKeys keys;
  // a slow run (a large backlog) must not overlap the next tick
  private final AtomicBoolean running = new AtomicBoolean();
  private long timerId = -1;

  private IdempotencyCleanup(Vertx vertx, IdempotencyKeys keys) {
    this.vertx = vertx;
    this.keys = keys;
  }

  public static IdempotencyCleanup start(Vertx vertx, IdempotencyKeys keys) {
    var cleanup = new IdempotencyCleanup(vertx, keys);
    cleanup.timerId = vertx.setPeriodic(keys.config().cleanupInterval().toMillis(), id -> cleanup.runOnce());
    return cleanup;
  }

  public void stop() {
    vertx.cancelTimer(timerId);
  }

  private void runOnce() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    keys.deleteExpired()
        .onSuccess(n -> {
          if (n > 0) {
            log.info("deleted {} expired idempotency keys", n);
          }
        })
        // the next tick tries again; expired keys only cost disk until then
        .onFailure(e -> log.warn("idempotency key cleanup failed: {}", e.getMessage()))
        .onComplete(done -> running.set(false));
  }
}
