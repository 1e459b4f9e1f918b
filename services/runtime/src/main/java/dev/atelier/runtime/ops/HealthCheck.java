package dev.atelier.runtime.ops;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One dependency's check. A {@code critical} dependency down means this node cannot serve its
 * routes (ready answers 503); any other one down means it serves degraded (200, DEGRADED).
 */
public record HealthCheck(String name, boolean critical, Supplier<Future<?>> probe) {}
