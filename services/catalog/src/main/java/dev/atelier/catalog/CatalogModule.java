package dev.atelier.catalog;

import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;
import java.util.List;

/** How the catalog plugs into a node: its verticle, and the /api/products routes the gateway serves. */
public final class CatalogModule implements ServiceModule {
  @Override
  public String name() {
    return CatalogVerticle.SERVICE;
  }

  @Override
  public NodeRole role() {
    return NodeRole.SERVICES;
  }

  @Override
  public Deployable newVerticle() {
    return new CatalogVerticle();
  }

  @Override
  public List<ApiRoute> routes(RouteContext ctx) {
    return new CatalogRoutes(ctx.services()).table();
  }

  @Override
  public String outboxSchema() {
    return CatalogVerticle.SERVICE;
  }

  @Override
  public String openApiFragment() {
    return "openapi/catalog.yaml";
  }
}
