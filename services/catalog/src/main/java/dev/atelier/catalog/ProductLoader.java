package dev.atelier.catalog;

import dev.atelier.codecs.Failure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import dev.atelier.runtime.internal.VertxInternals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Loads products for cache misses, DataLoader-style: ids asked for in the same event-loop tick go
 * to the database in one {@code = ANY($1)} read, and a miss for an id already being read joins
 * that read instead of starting another. One loader per verticle instance, used only on its event
 * loop, so it needs no locks.
 */
final class ProductLoader {
  static final int MAX_BATCH = 500;
  private final Context context;
  private final Function<List<UUID>, Future<Map<UUID, CachedProduct>>> readBatch;
  private final Map<UUID, Promise<CachedProduct>> queued = new LinkedHashMap<>();
  private final Map<UUID, Future<CachedProduct>> inFlight = new HashMap<>();
  private boolean flushScheduled;

  ProductLoader(Context context, Function<List<UUID>, Future<Map<UUID, CachedProduct>>> readBatch) {
    this.context = context;
    this.readBatch = readBatch;
  }

  /** The product, or NOT_FOUND. Must be called on the loader's own event loop. */
  Future<CachedProduct> load(UUID id) {
    if (!VertxInternals.onEventLoopOf(context)) {
      // its maps have no locks: a caller on another event loop is a wiring bug, caught here rather than as corruption
      throw new IllegalStateException("ProductLoader used off its event loop");
    }
    Future<CachedProduct> running = inFlight.get(id);
    if (running != null) {
      return running;
    }
    Promise<CachedProduct> promise = Promise.promise();
    queued.put(id, promise);
    inFlight.put(id, promise.future());
    if (!flushScheduled) {
      flushScheduled = true;
      // runs after the tasks already queued on this event loop: their ids join this batch
      context.runOnContext(v -> flush());
    }
    return promise.future();
  }

  /** Stops later misses from joining a read that began before {@code id} changed. */
  void forget(UUID id) {
    // a read still queued has not begun: it will see the change, and its waiters must keep it
    if (!queued.containsKey(id)) {
      inFlight.remove(id);
    }
  }

  private void flush() {
    flushScheduled = false;
    while (!queued.isEmpty()) {
      var batch = new LinkedHashMap<UUID, Promise<CachedProduct>>();
      var it = queued.entrySet().iterator();
      while (it.hasNext() && batch.size() < MAX_BATCH) {
        var e = it.next();
        batch.put(e.getKey(), e.getValue());
        it.remove();
      }
      Future<Map<UUID, CachedProduct>> read;
      try {
        read = readBatch.apply(new ArrayList<>(batch.keySet()));
      } catch (RuntimeException e) {
        read = Future.failedFuture(e);
      }
      read.onComplete(ar -> {
        batch.forEach((id, promise) -> {
          inFlight.remove(id, promise.future());
          if (ar.failed()) {
            promise.fail(ar.cause());
          } else if (ar.result().containsKey(id)) {
            promise.complete(ar.result().get(id));
          } else {
            promise.fail(Failure.notFound("product " + id + " does not exist"));
          }
        });
      });
    }
  }
}
