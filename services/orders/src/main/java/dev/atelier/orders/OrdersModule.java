package dev.atelier.orders;

import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;
import java.util.List;

/** How orders plug into a node: its verticle, its outbox relay, and the /api/orders routes the gateway serves. */
public final class OrdersModule implements ServiceModule {
  @Override
  public String name() {
    return OrdersVerticle.SERVICE;
  }

  @Override
  public NodeRole role() {
    return NodeRole.SERVICES;
  }

  @Override
  public Deployable newVerticle() {
    return new OrdersVerticle();
  }

  @Override
  public List<ApiRoute> routes(RouteContext ctx) {
    return new OrdersRoutes(ctx.services()).table();
  }

  @Override
  public String outboxSchema() {
    return OrdersVerticle.SERVICE;
  }

  @Override
  public String openApiFragment() {
    return "openapi/orders.yaml";
  }
}
