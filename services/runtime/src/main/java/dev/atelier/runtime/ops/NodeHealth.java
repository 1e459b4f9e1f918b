package dev.atelier.runtime.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dependency checks of one node. Services register what they depend on; the gateway's
 * {@code /health/ready} runs them all in parallel, each with a deadline, so a hung dependency
 * answers DOWN instead of hanging the probe.
 */
public final class NodeHealth implements Shareable {
  public enum Status { UP, DEGRADED, DOWN }

  public record Report(Status status, JsonObject checks) {}

  private static final String MAP = "atelier.health";
  private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

  private NodeHealth() {}

  /** This Vert.x instance's registry; verticles of one node share it. */
  public static NodeHealth of(Vertx vertx) {
    return (NodeHealth) vertx.sharedData().<String, NodeHealth>getLocalMap(MAP)
        .computeIfAbsent("node", k -> new NodeHealth());
  }

  /** Registers a check once per node; later instances of the same verticle keep the first. */
  public void register(HealthCheck check) {
    checks.putIfAbsent(check.name(), check);
  }

  public Future<Report> check(Vertx vertx, Duration deadline) {
    List<HealthCheck> all = new ArrayList<>(checks.values());
    List<Future<JsonObject>> results = new ArrayList<>();
    for (HealthCheck c : all) {
      results.add(probe(vertx, c, deadline));
    }
    return Future.join(results).transform(ignored -> {
      var body = new JsonObject();
      Status overall = Status.UP;
      for (int i = 0; i < all.size(); i++) {
        JsonObject r = results.get(i).result();
        body.put(all.get(i).name(), r);
        if (!"UP".equals(r.getString("status"))) {
          overall = all.get(i).critical() ? Status.DOWN : overall == Status.DOWN ? Status.DOWN : Status.DEGRADED;
        }
      }
      return Future.succeededFuture(new Report(overall, body));
    });
  }

  private static Future<JsonObject> probe(Vertx vertx, HealthCheck c, Duration deadline) {
    long started = System.nanoTime();
    Future<?> attempt;
    try {
      attempt = c.probe().get();
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.timeout(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .transform(ar -> {
          var r = new JsonObject().put("status", ar.succeeded() ? "UP" : "DOWN")
              .put("latencyMillis", (System.nanoTime() - started) / 1_000_000);
          if (ar.failed()) {
            r.put("error", String.valueOf(ar.cause().getMessage()));
          }
          return Future.succeededFuture(r);
        });
  }
}
