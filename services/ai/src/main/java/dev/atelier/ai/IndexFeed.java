package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's SimilarityIndex equal to {@code ai.products}: reads the rows changed since the last
 * read and applies them on a worker thread. Woken by the products-changed broadcast after a commit
 * on any node, and by a poll, which covers a broadcast this node missed. Refreshes never overlap; a
 * wake-up during one runs another after it.
 */
final class IndexFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IndexFeed.class);
  // a transaction's changed_at is taken before it commits: a row committed a little after a newer
  // one must still be read, so every read goes this far back (applying a version twice is a no-op)
  private static final Duration OVERLAP = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final SimilarityIndex index;
  private final ProductCopyRepository products;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile Instant watermark = Instant.EPOCH;
  private volatile boolean loaded;

  IndexFeed(Vertx vertx, SimilarityIndex index, ProductCopyRepository products) {
    this.vertx = vertx;
    this.index = index;
    this.products = products;
  }

  SimilarityIndex index() {
    return index;
  }

  /** True once the index holds every product that was in the table at some point after start. */
  boolean loaded() {
    return loaded;
  }

  Future<Void> refresh(Pool pool) {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return Future.succeededFuture();
    }
    Instant since = watermark.minus(OVERLAP);
    return products.changedSince(pool, since)
        .compose(changes -> vertx.executeBlocking(() -> {
          int applied = index.apply(changes.products());
          if (applied > 0) {
            log.debug("index: {} changes applied, {} products", applied, index.size());
          }
          return changes.newest();
        }, false))
        .<Void>map(newest -> {
          watermark = newest;
          if (!loaded) {
            loaded = true;
            log.info("similarity index loaded: {} products", index.size());
          }
          return null;
        })
        .eventually(() -> {
          running.set(false);
          if (again.getAndSet(false)) {
            refresh(pool).onFailure(e -> log.warn("index refresh failed: {}", e.toString()));
          }
          return Future.succeededFuture();
        });
  }

  @Override
  public void close() {
    index.close();
  }
}
