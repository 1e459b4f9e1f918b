package dev.atelier.catalog;

import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.CreateProduct;
import dev.atelier.codecs.catalog.DeleteProduct;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ListProducts;
import dev.atelier.codecs.catalog.ProductDraft;
import dev.atelier.codecs.catalog.ProductField;
import dev.atelier.codecs.catalog.ProductPatch;
import dev.atelier.codecs.catalog.UpdateProduct;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Future;
import java.util.List;

/** /api/products: the catalog's rows of the gateway's route table. */
final class CatalogRoutes {
  private final Downstream services;

  CatalogRoutes(Downstream services) {
    this.services = services;
  }

  List<ApiRoute> table() {
    return List.of(
        ApiRoute.post("/api/products", "createProduct").roles(Role.MERCHANT).body(ProductDraft.class).idempotent()
            .handle(this::create),
        ApiRoute.get("/api/products", "listProducts").handle(this::list),
        ApiRoute.get("/api/products/:id", "getProduct").handle(this::get),
        ApiRoute.patch("/api/products/:id", "updateProduct").roles(Role.MERCHANT).body(ProductPatch.class).handle(this::update),
        ApiRoute.delete("/api/products/:id", "deleteProduct").roles(Role.MERCHANT).handle(this::delete));
  }

  private Future<ApiReply> create(ApiRequest req) {
    var command = new CreateProduct(req.caller().userId(), req.body(ProductDraft.class));
    return services.call(CatalogApi.CREATE_PRODUCT, command)
        .map(product -> ApiReply.created("/api/products/" + product.id(), product));
  }

  private Future<ApiReply> get(ApiRequest req) {
    var query = new GetProduct(req.pathUuid("id"), req.queryFlag("include", "variants"));
    return services.call(CatalogApi.GET_PRODUCT_DOCUMENT, query)
        .map(doc -> ApiReply.rawJson(200, doc.json()).header("X-Cache", doc.fromCache() ? "hit" : "miss"));
  }

  private Future<ApiReply> list(ApiRequest req) {
    var query = new ListProducts(
        req.query("tag"),
        req.queryUuid("merchantId"),
        ProductField.parse(req.query("fields")),
        req.queryInt("limit", ListProducts.DEFAULT_LIMIT, 1, ListProducts.MAX_LIMIT),
        req.query("cursor"));
    return services.call(CatalogApi.LIST_PRODUCTS, query).map(ApiReply::ok);
  }

  private Future<ApiReply> update(ApiRequest req) {
    var command = new UpdateProduct(req.pathUuid("id"), req.caller().userId(), req.body(ProductPatch.class));
    return services.call(CatalogApi.UPDATE_PRODUCT, command).map(ApiReply::ok);
  }

  private Future<ApiReply> delete(ApiRequest req) {
    var command = new DeleteProduct(req.pathUuid("id"), req.caller().userId());
    return services.call(CatalogApi.DELETE_PRODUCT, command).map(deleted -> ApiReply.noContent());
  }
}
