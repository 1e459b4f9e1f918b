package dev.atelier.ai;

import dev.atelier.codecs.ai.AiApi;
import dev.atelier.codecs.ai.ProductsChanged;
import dev.atelier.codecs.catalog.ProductCreated;
import dev.atelier.codecs.catalog.ProductDeleted;
import dev.atelier.codecs.catalog.ProductUpdated;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.messaging.Received;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.UUID;

/**
 * Keeps {@code ai.products} from the catalog's product.* events (queue {@code ai.catalog}), in the
 * consumer's transaction; after the commit, drops the product's cached answers and tells every
 * node's index to read the change. Versions make the order of delivery irrelevant.
 */
final class CatalogCopyHandlers {
  private final ProductCopyRepository products;
  private final RecommendationCache cache;
  private final Bus bus;

  CatalogCopyHandlers(ProductCopyRepository products, RecommendationCache cache, Bus bus) {
    this.products = products;
    this.cache = cache;
    this.bus = bus;
  }

  Future<?> created(Received<ProductCreated> e, SqlConnection tx) {
    return keep(tx, ProductCopy.of(e.payload().product()));
  }

  Future<?> updated(Received<ProductUpdated> e, SqlConnection tx) {
    return keep(tx, ProductCopy.of(e.payload().product()));
  }

  Future<?> deleted(Received<ProductDeleted> e, SqlConnection tx) {
    UUID id = e.payload().productId();
    return products.markDeleted(tx, id, e.payload().merchantId()).onSuccess(changed -> afterCommit(tx, id, changed));
  }

  private Future<?> keep(SqlConnection tx, ProductCopy copy) {
    return products.upsert(tx, copy).onSuccess(changed -> afterCommit(tx, copy.id(), changed));
  }

  private void afterCommit(SqlConnection tx, UUID id, boolean changed) {
    if (!changed) {
      return;
    }
    Transaction transaction = tx.transaction();
    if (transaction == null) {
      announce(id);
    } else {
      transaction.completion().onSuccess(v -> announce(id));
    }
  }

  private void announce(UUID id) {
    cache.invalidate(id);
    bus.publish(AiApi.PRODUCTS_CHANGED, new ProductsChanged(id));
  }
}
