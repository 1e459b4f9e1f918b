package dev.atelier.runtime.service;

import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Deployable;
import java.util.List;

/**
 * What a module adds to a node, found with {@link java.util.ServiceLoader}: a verticle the launcher
 * deploys by role, and the HTTP routes the gateway serves for it. A new service is its module,
 * this descriptor listed in {@code META-INF/services/dev.atelier.runtime.service.ServiceModule},
 * and one dependency line in the launcher's pom; no shared code names it.
 */
public interface ServiceModule {
  /** The verticle's name, which is also its config section ({@code catalog.instances}). */
  String name();

  NodeRole role();

  /** A new instance of the verticle; called once per instance. */
  Deployable newVerticle();

  /**
   * The routes the gateway serves for this service, calling it through {@code ctx.services()}.
   * Empty for a module without an HTTP face. A gateway-only node builds these without deploying
   * the verticle, so they reach the service only over the bus.
   */
  default List<ApiRoute> routes(RouteContext ctx) {
    return List.of();
  }

  /**
   * The schema whose {@code outbox} this service writes events to, or null when it emits none. The
   * node then runs one {@code OutboxRelay} for it beside the verticle's instances.
   */
  default String outboxSchema() {
    return null;
  }

  /**
   * A classpath resource holding this service's part of the OpenAPI document ({@code paths} and
   * {@code components}), merged by the gateway into the one served at /openapi.yaml; or null.
   */
  default String openApiFragment() {
    return null;
  }
}
