package dev.atelier.ai;

import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;
import java.util.List;

/** How the AI service's API side plugs into a node: its verticle, its outbox relay, and its routes. */
public final class AiModule implements ServiceModule {
  @Override
  public String name() {
    return AiVerticle.SERVICE;
  }

  @Override
  public NodeRole role() {
    return NodeRole.SERVICES;
  }

  @Override
  public Deployable newVerticle() {
    return new AiVerticle();
  }

  @Override
  public List<ApiRoute> routes(RouteContext ctx) {
    return new AiRoutes(ctx.services()).table();
  }

  @Override
  public String outboxSchema() {
    return AiVerticle.SERVICE;
  }

  @Override
  public String openApiFragment() {
    return "openapi/ai.yaml";
  }
}
