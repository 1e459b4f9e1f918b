package dev.atelier.catalog;

import dev.atelier.runtime.db.PageCursor;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.CreateProduct;
import dev.atelier.codecs.catalog.DeleteProduct;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ListProducts;
import dev.atelier.codecs.catalog.ProductCreated;
import dev.atelier.codecs.catalog.ProductDeleted;
import dev.atelier.codecs.catalog.ProductDocument;
import dev.atelier.codecs.catalog.ProductLookup;
import dev.atelier.codecs.catalog.ProductPage;
import dev.atelier.codecs.catalog.ProductUpdated;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.UpdateProduct;
import dev.atelier.runtime.db.PgFailures;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One method per CatalogApi address. Writes commit the change and its event together (outbox),
 * then evict the cache; a retried PATCH applies the same values again, a retried DELETE answers
 * NOT_FOUND, and a retried POST creates a second product (idempotency keys come with the edge issue).
 */
final class CatalogHandlers {
  private final Pool pool;
  private final ProductRepository products;
  private final Outbox outbox;
  private final ProductCache cache;
  private final ProductLoader loader;
  private final ProductChanges changes;

  /** {@code context}: the verticle's, on whose event loop the loader batches. */
  CatalogHandlers(Context context, Pool pool, ProductRepository products, Outbox outbox, ProductCache cache,
                  ProductChanges changes) {
    this.pool = pool;
    this.products = products;
    this.outbox = outbox;
    this.cache = cache;
    this.changes = changes;
    this.loader = new ProductLoader(context, this::readAndCache);
  }

  /** Starts following other instances' changes; completes once registered. */
  Future<Void> followChanges() {
    return changes.followWith(loader);
  }

  Future<ProductLookup> getProduct(GetProduct q) {
    return read(q.productId()).map(r -> new ProductLookup(r.product().view(q.includeVariants()), r.fromCache()));
  }

  Future<ProductDocument> getProductDocument(GetProduct q) {
    return read(q.productId()).map(r -> new ProductDocument(r.product().document(q.includeVariants()), r.fromCache()));
  }

  private record Read(CachedProduct product, boolean fromCache) {}

  private Future<Read> read(UUID id) {
    return cache.get(id).compose(hit -> hit != null
        ? Future.succeededFuture(new Read(hit, true))
        : loader.load(id).map(p -> new Read(p, false)));
  }

  Future<ProductPage> listProducts(ListProducts q) {
    PageCursor after = PageCursor.decode(q.cursor());
    return products.page(pool, q.tag(), q.merchantId(), q.fields(), after, q.limit())
        .recover(PgFailures::translate);
  }

  Future<ProductView> createProduct(CreateProduct c) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> products.insert(tx, id, c.merchantId(), c.draft())
            .compose(p -> outbox.append(tx, CatalogApi.PRODUCT_CREATED, id, new ProductCreated(p)).map(p)))
        .recover(PgFailures::translate);
  }

  Future<ProductView> updateProduct(UpdateProduct u) {
    return pool.withTransaction(tx -> products.update(tx, u.productId(), u.merchantId(), u.patch())
            .compose(found -> existing(found, u.productId()))
            .compose(p -> outbox.append(tx, CatalogApi.PRODUCT_UPDATED, p.id(), new ProductUpdated(p)).map(p)))
        .recover(PgFailures::translate)
        // after commit: evicting before it would let a read put the old row back
        .compose(p -> productChanged(p.id(), p.version()).map(p));
  }

  Future<ProductDeleted> deleteProduct(DeleteProduct d) {
    var deleted = new ProductDeleted(d.productId(), d.merchantId());
    return pool.withTransaction(tx -> products.delete(tx, d.productId(), d.merchantId())
            .compose(found -> existing(found, d.productId()))
            .compose(version -> outbox.append(tx, CatalogApi.PRODUCT_DELETED, d.productId(), deleted).map(version)))
        .recover(PgFailures::translate)
        .compose(version -> productChanged(d.productId(), version + 1))
        .map(deleted);
  }

  private Future<Map<UUID, CachedProduct>> readAndCache(List<UUID> ids) {
    return products.findByIds(pool, ids)
        .recover(PgFailures::translate)
        .compose(found -> {
          Map<UUID, CachedProduct> encoded = new HashMap<>();
          found.forEach((id, view) -> encoded.put(id, CachedProduct.of(view)));
          return Future.join(encoded.entrySet().stream().map(e -> cache.put(e.getValue(), e.getKey())).toList())
              .map(encoded);
        });
  }

  /** After a committed change of product {@code id} (now at {@code version}): no reader may keep or put back the old one. */
  Future<Void> productChanged(UUID id, long version) {
    loader.forget(id);
    changes.announce(id);
    return cache.evict(id, version);
  }

  private static <T> Future<T> existing(Optional<T> found, UUID id) {
    // the same answer for a missing product and another merchant's: ids cannot be probed
    return found.isPresent() ? Future.succeededFuture(found.get())
        : Future.failedFuture(Failure.notFound("product " + id + " does not exist"));
  }
}
