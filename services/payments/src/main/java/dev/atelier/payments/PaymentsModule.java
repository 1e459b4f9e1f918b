package dev.atelier.payments;

import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;
import java.util.List;

/** How payments plugs into a node: its verticle, its outbox, and the wallet and gift-card routes the gateway serves. */
public final class PaymentsModule implements ServiceModule {
  @Override
  public String name() {
    return PaymentsVerticle.SERVICE;
  }

  @Override
  public NodeRole role() {
    return NodeRole.SERVICES;
  }

  @Override
  public Deployable newVerticle() {
    return new PaymentsVerticle();
  }

  @Override
  public List<ApiRoute> routes(RouteContext ctx) {
    return new PaymentsRoutes(ctx.services()).table();
  }

  @Override
  public String outboxSchema() {
    return PaymentsVerticle.SERVICE;
  }

  @Override
  public String openApiFragment() {
    return "openapi/payments.yaml";
  }
}
