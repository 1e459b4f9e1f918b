package dev.atelier.gateway.routes;

import dev.atelier.gateway.edge.RequestLog;
import dev.atelier.runtime.ops.NodeHealth;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;

/** /health/live, /health/ready and /metrics: public, and free of user data. */
public final class OpsRoutes {
  private static final Duration CHECK_DEADLINE = Duration.ofSeconds(1);
  private final Vertx vertx;

  public OpsRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> {
      RequestLog.route(ctx, "/health/live");
      ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode());
    });
    router.get("/health/ready").handler(ctx -> {
      RequestLog.route(ctx, "/health/ready");
      NodeHealth.of(vertx).check(vertx, CHECK_DEADLINE).onComplete(ar -> {
        NodeHealth.Report report = ar.result();
        // 503 only when this node cannot serve: a Redis outage is DEGRADED, reads fall back to Postgres
        ctx.response()
            .setStatusCode(report.status() == NodeHealth.Status.DOWN ? 503 : 200)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("status", report.status().name()).put("checks", report.checks()).encode());
      });
    });
    router.get("/metrics").handler(ctx -> {
      RequestLog.route(ctx, "/metrics");
      ctx.next();
    }).handler(PrometheusScrapingHandler.create());
  }
}
