package dev.atelier.gateway.routes;

import dev.atelier.gateway.edge.OpenApiDocument;
import dev.atelier.gateway.edge.RequestLog;
import dev.atelier.runtime.ops.NodeHealth;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;

/** /health/live, /health/ready, /metrics and /openapi.yaml: public, and free of user data. */
public final class OpsRoutes {
  private static final Duration CHECK_DEADLINE = Duration.ofSeconds(1);
  private final Vertx vertx;
  private final OpenApiDocument document;

  public OpsRoutes(Vertx vertx, OpenApiDocument document) {
    this.vertx = vertx;
    this.document = document;
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
    String yaml = document.yaml();
    router.get("/openapi.yaml").handler(ctx -> {
      RequestLog.route(ctx, "/openapi.yaml");
      ctx.response().putHeader("Content-Type", "application/yaml").putHeader("Cache-Control", "public, max-age=300").end(yaml);
    });
    router.get("/metrics").handler(ctx -> {
      RequestLog.route(ctx, "/metrics");
      ctx.next();
    }).handler(PrometheusScrapingHandler.create());
  }
}
