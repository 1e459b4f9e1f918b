package dev.atelier.gateway;

import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;

/** The edge as a module: deployed last, on nodes with the gateway role. */
public final class GatewayModule implements ServiceModule {
  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public NodeRole role() {
    return NodeRole.GATEWAY;
  }

  @Override
  public Deployable newVerticle() {
    return new GatewayVerticle();
  }
}
