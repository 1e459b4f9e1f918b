package dev.atelier.ai;

import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.ListProducts;
import dev.atelier.codecs.catalog.ProductPage;
import dev.atelier.runtime.bus.Bus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the whole catalog through its API into {@code ai.products} once a node starts: products
 * created before this service's queue existed (an older data directory) never reached it as events.
 * Version-guarded like the events, so it cannot undo a newer change it races with.
 */
final class CatalogBackfill {
  private final Bus bus;
  private final Pool pool;
  private final ProductCopyRepository products;

  CatalogBackfill(Bus bus, Pool pool, ProductCopyRepository products) {
    this.bus = bus;
    this.pool = pool;
    this.products = products;
  }

  /** How many products the catalog listed. */
  Future<Integer> run() {
    return page(null, 0);
  }

  private Future<Integer> page(String cursor, int copied) {
    return bus.request(CatalogApi.LIST_PRODUCTS, new ListProducts(null, null, null, ListProducts.MAX_LIMIT, cursor))
        .compose(page -> keep(page).compose(v -> page.nextCursor() == null
            ? Future.succeededFuture(copied + page.items().size())
            : page(page.nextCursor(), copied + page.items().size())));
  }

  private Future<Void> keep(ProductPage page) {
    List<Future<Boolean>> writes = new ArrayList<>(page.items().size());
    page.items().forEach(p -> writes.add(products.upsert(pool, ProductCopy.of(p))));
    return Future.all(writes).mapEmpty();
  }
}
