package dev.atelier.gateway.routes;

import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.CreateProduct;
import dev.atelier.codecs.catalog.DeleteProduct;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ListProducts;
import dev.atelier.codecs.catalog.ProductDraft;
import dev.atelier.codecs.catalog.ProductField;
import dev.atelier.codecs.catalog.ProductPatch;
import dev.atelier.codecs.catalog.UpdateProduct;
import dev.atelier.codecs.Failure;
import dev.atelier.gateway.auth.BearerAuth;
import dev.atelier.gateway.auth.Caller;
import dev.atelier.gateway.auth.Role;
import dev.atelier.gateway.edge.Params;
import dev.atelier.gateway.edge.Replies;
import dev.atelier.gateway.edge.RequestBodies;
import dev.atelier.gateway.edge.RequestLog;
import dev.atelier.runtime.bus.Downstream;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** /api/products: the catalog's HTTP face. Literal paths before parameter paths. */
public final class ProductRoutes {
  private static final List<String> JSON = List.of("application/json");
  private final Downstream services;
  private final BearerAuth auth;
  private final Handler<RoutingContext> body;

  /** {@code body}: the BodyHandler, put only on routes that take a body, so reads never buffer one. */
  public ProductRoutes(Downstream services, BearerAuth auth, Handler<RoutingContext> body) {
    this.services = services;
    this.auth = auth;
    this.body = body;
  }

  public void mount(Router router) {
    route(router, HttpMethod.POST, "/api/products", this::create, auth.require(Role.MERCHANT));
    route(router, HttpMethod.GET, "/api/products", this::list, null);
    route(router, HttpMethod.GET, "/api/products/:id", this::get, null);
    route(router, HttpMethod.PATCH, "/api/products/:id", this::update, auth.require(Role.MERCHANT));
    route(router, HttpMethod.DELETE, "/api/products/:id", this::delete, auth.require(Role.MERCHANT));
  }

  void create(RoutingContext ctx) {
    ProductDraft draft = RequestBodies.read(ctx, ProductDraft.class, JSON);
    var command = new CreateProduct(Caller.of(ctx).userId(), draft);
    Replies.when(ctx, services.call(CatalogApi.CREATE_PRODUCT, command), product -> {
      ctx.response().putHeader("Location", "/api/products/" + product.id());
      Replies.json(ctx, 201, product);
    });
  }

  void get(RoutingContext ctx) {
    var query = new GetProduct(Params.pathUuid(ctx, "id"), includesVariants(ctx));
    Replies.when(ctx, services.call(CatalogApi.GET_PRODUCT_DOCUMENT, query), doc -> {
      ctx.response().putHeader("X-Cache", doc.fromCache() ? "hit" : "miss");
      Replies.rawJson(ctx, 200, doc.json());
    });
  }

  void list(RoutingContext ctx) {
    var query = new ListProducts(
        Params.query(ctx, "tag"),
        Params.queryUuid(ctx, "merchantId"),
        ProductField.parse(Params.query(ctx, "fields")),
        Params.queryInt(ctx, "limit", ListProducts.DEFAULT_LIMIT, 1, ListProducts.MAX_LIMIT),
        Params.query(ctx, "cursor"));
    Replies.when(ctx, services.call(CatalogApi.LIST_PRODUCTS, query), page -> Replies.json(ctx, 200, page));
  }

  void update(RoutingContext ctx) {
    var id = Params.pathUuid(ctx, "id");
    ProductPatch patch = RequestBodies.read(ctx, ProductPatch.class, JSON);
    var command = new UpdateProduct(id, Caller.of(ctx).userId(), patch);
    Replies.when(ctx, services.call(CatalogApi.UPDATE_PRODUCT, command), product -> Replies.json(ctx, 200, product));
  }

  void delete(RoutingContext ctx) {
    var command = new DeleteProduct(Params.pathUuid(ctx, "id"), Caller.of(ctx).userId());
    Replies.when(ctx, services.call(CatalogApi.DELETE_PRODUCT, command), deleted -> ctx.response().setStatusCode(204).end());
  }

  private static boolean includesVariants(RoutingContext ctx) {
    String include = Params.query(ctx, "include");
    if (include == null || include.isBlank()) {
      return false;
    }
    if (!include.strip().equals("variants")) {
      throw Failure.invalid("include", "the only value is 'variants'");
    }
    return true;
  }

  private void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler,
                     Handler<RoutingContext> guard) {
    boolean takesBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    if (guard == null && !takesBody) {
      // the hot read path: one route to match
      router.route(method, path).handler(ctx -> {
        RequestLog.route(ctx, path);
        handler.handle(ctx);
      });
      return;
    }
    // two routes for one path: vertx-web wants a BodyHandler before any user handler of a route,
    // and we want the token checked before anyone's body is buffered
    router.route(method, path).handler(ctx -> {
      RequestLog.route(ctx, path);
      if (takesBody) {
        // the body waits, unread, for the BodyHandler that runs after the (asynchronous) check
        ctx.request().pause();
      }
      if (guard == null) {
        ctx.next();
      } else {
        guard.handle(ctx);
      }
    });
    var route = router.route(method, path);
    if (takesBody) {
      route.handler(body);
    }
    route.handler(handler);
  }
}
