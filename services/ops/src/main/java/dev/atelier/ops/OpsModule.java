package dev.atelier.ops;

import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;
import java.util.List;

/** How operations plug into a node: its verticle, and the /api/admin routes the gateway serves for it. */
public final class OpsModule implements ServiceModule {
  @Override
  public String name() {
    return OpsVerticle.SERVICE;
  }

  @Override
  public NodeRole role() {
    return NodeRole.SERVICES;
  }

  @Override
  public Deployable newVerticle() {
    return new OpsVerticle();
  }

  @Override
  public List<ApiRoute> routes(RouteContext ctx) {
    return new OpsRoutes(ctx.services()).table();
  }

  @Override
  public String openApiFragment() {
    return "openapi/ops.yaml";
  }
}
