package dev.atelier.codecs.catalog;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Topic;
import java.util.List;

/** What the catalog serves and emits. */
public final class CatalogApi {
  private CatalogApi() {}

  /** INVALID, NOT_FOUND, UNAVAILABLE. */
  public static final Address<GetProduct, ProductLookup> GET_PRODUCT =
      Address.of("catalog.product.get", GetProduct.class, ProductLookup.class);
  /** The same read as the API's JSON document, sent as cached. INVALID, NOT_FOUND, UNAVAILABLE. */
  public static final Address<GetProduct, ProductDocument> GET_PRODUCT_DOCUMENT =
      Address.of("catalog.productDocument.get", GetProduct.class, ProductDocument.class);
  /** INVALID (a bad cursor or field), UNAVAILABLE. */
  public static final Address<ListProducts, ProductPage> LIST_PRODUCTS =
      Address.of("catalog.product.list", ListProducts.class, ProductPage.class);
  /** INVALID, CONFLICT (a duplicate SKU), UNAVAILABLE. */
  public static final Address<CreateProduct, ProductView> CREATE_PRODUCT =
      Address.of("catalog.product.create", CreateProduct.class, ProductView.class);
  /** INVALID, NOT_FOUND (also for another merchant's product), CONFLICT, UNAVAILABLE. */
  public static final Address<UpdateProduct, ProductView> UPDATE_PRODUCT =
      Address.of("catalog.product.update", UpdateProduct.class, ProductView.class);
  /** NOT_FOUND (also for another merchant's product), UNAVAILABLE. */
  public static final Address<DeleteProduct, ProductDeleted> DELETE_PRODUCT =
      Address.of("catalog.product.delete", DeleteProduct.class, ProductDeleted.class);

  public static final Topic<ProductCreated> PRODUCT_CREATED = Topic.of("product.created", ProductCreated.class);
  public static final Topic<ProductUpdated> PRODUCT_UPDATED = Topic.of("product.updated", ProductUpdated.class);
  public static final Topic<ProductDeleted> PRODUCT_DELETED = Topic.of("product.deleted", ProductDeleted.class);

  public static final Topic<StockReserved> STOCK_RESERVED = Topic.of("stock.reserved", StockReserved.class);
  public static final Topic<StockRejected> STOCK_REJECTED = Topic.of("stock.rejected", StockRejected.class);
  public static final Topic<StockReleased> STOCK_RELEASED = Topic.of("stock.released", StockReleased.class);

  public static final List<Address<?, ?>> ADDRESSES =
      List.of(GET_PRODUCT, GET_PRODUCT_DOCUMENT, LIST_PRODUCTS, CREATE_PRODUCT, UPDATE_PRODUCT, DELETE_PRODUCT);
  public static final List<Topic<?>> TOPICS = List.of(PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED,
      STOCK_RESERVED, STOCK_REJECTED, STOCK_RELEASED);
}
