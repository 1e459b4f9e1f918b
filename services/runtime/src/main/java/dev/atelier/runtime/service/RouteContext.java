package dev.atelier.runtime.service;

import dev.atelier.runtime.bus.Downstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** What a module's routes may use: the calls to services (breaker and timeout included), the node's config. */
public record RouteContext(Vertx vertx, Downstream services, JsonObject config) {}
