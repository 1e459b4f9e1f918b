package dev.atelier.gateway.edge;

import dev.atelier.runtime.ops.Correlation;
import dev.atelier.runtime.ops.Metrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every request: takes or makes the correlation id, echoes it, and when the
 * response ends records our per-route timer and logs the request if it was slower than the
 * configured threshold.
 */
public final class RequestLog implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(RequestLog.class);
  private static final String ROUTE = "atelier.route";
  private final Duration slow;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public RequestLog(Duration slow) {
    this.slow = slow;
  }

  /** Names the route template a request matched, for metrics and logs ({@code /api/products/:id}). */
  public static void route(RoutingContext ctx, String template) {
    ctx.put(ROUTE, template);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    String cid = Correlation.acceptOrCreate(ctx.request().getHeader(Correlation.HTTP_HEADER));
    Correlation.set(cid);
    ctx.response().putHeader(Correlation.HTTP_HEADER, cid);
    ctx.addEndHandler(done -> {
      long nanos = System.nanoTime() - started;
      String route = ctx.get(ROUTE, "unmatched");
      int status = ctx.response().getStatusCode();
      String method = ctx.request().method().name();
      timer(method, route, status).record(nanos, TimeUnit.NANOSECONDS);
      if (nanos > slow.toNanos()) {
        log.warn("slow request: {} {} -> {} in {} ms", method, route, status, nanos / 1_000_000);
      }
    });
    try {
      // decoded here, once, so a broken escape (%ZZ) is the client's 400 rather than the router's 500
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      ctx.fail(new HttpStatusFailure(400, "malformed query string: " + e.getMessage()));
      return;
    }
    ctx.next();
  }

  private Timer timer(String method, String route, int status) {
    String statusClass = (status / 100) + "xx";
    return timers.computeIfAbsent(method + " " + route + " " + statusClass, k -> Metrics.timer(
        "atelier.http.route", "Latency of each API route as the gateway saw it",
        "method", method, "route", route, "status", statusClass));
  }
}
