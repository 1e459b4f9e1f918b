package dev.atelier.launcher.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives generation jobs for scripts/bench/generations: submits JOBS jobs for one product over
 * POST /api/ai/generations (16 at a time), then reads the merchant's jobs from the AI schema until
 * all are decided, and prints one line:
 * {@code RESULT jobs succeeded failed jobs_per_s p50_ms p99_ms submit_s}, where jobs/s is the
 * succeeded jobs over the time from the first job's creation to the last one's completion
 * (server timestamps) and p50/p99 are each job's created_at → updated_at.
 * Arguments: base-url token product-id jobs width height jdbc-url merchant-id.
 */
public final class GenerationsBench {
  private static final int CONCURRENCY = 16;

  private GenerationsBench() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    String product = args[2];
    int jobs = Integer.parseInt(args[3]);
    var body = new JsonObject().put("productId", product).put("kind", "image").put("prompt", "bench")
        .put("options", new JsonObject().put("width", Integer.parseInt(args[4])).put("height", Integer.parseInt(args[5])));
    String jdbc = args[6];
    UUID merchant = UUID.fromString(args[7]);

    Vertx vertx = Vertx.vertx();
    long started = System.nanoTime();
    try {
      WebClient client = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
      var next = new AtomicInteger();
      List<Future<Void>> lanes = new ArrayList<>();
      for (int i = 0; i < CONCURRENCY; i++) {
        Promise<Void> lane = Promise.promise();
        submitNext(client, base, token, body, jobs, next, lane);
        lanes.add(lane.future());
      }
      Future.all(lanes).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } finally {
      vertx.close();
    }
    double submitSeconds = (System.nanoTime() - started) / 1e9;

    try (Connection db = DriverManager.getConnection(jdbc)) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
      int decided = 0;
      while (decided < jobs && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(200);
        decided = count(db, merchant, "status IN ('succeeded', 'failed')");
      }
      int succeeded = count(db, merchant, "status = 'succeeded'");
      try (var q = db.prepareStatement("""
          SELECT extract(epoch FROM max(updated_at) - min(created_at)),
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at)),
                 percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at))
          FROM ai.generation_jobs WHERE merchant_id = ? AND status = 'succeeded'""")) {
        q.setObject(1, merchant);
        try (ResultSet r = q.executeQuery()) {
          r.next();
          double span = r.getDouble(1);
          System.out.printf("RESULT %d %d %d %.2f %.0f %.0f %.1f%n", jobs, succeeded, count(db, merchant, "status = 'failed'"),
              span > 0 ? succeeded / span : 0, r.getDouble(2) * 1000, r.getDouble(3) * 1000, submitSeconds);
        }
      }
    }
  }

  private static void submitNext(WebClient client, String base, String token, JsonObject body, int jobs, AtomicInteger next,
                                 Promise<Void> lane) {
    if (next.getAndIncrement() >= jobs) {
      lane.complete();
      return;
    }
    client.postAbs(base + "/api/ai/generations").bearerTokenAuthentication(token)
        .putHeader("Idempotency-Key", "bench-" + UUID.randomUUID()).sendJsonObject(body)
        .onComplete(ar -> {
          if (ar.failed() || ar.result().statusCode() != 202) {
            lane.fail(ar.failed() ? ar.cause().toString() : "status " + ar.result().statusCode() + ": " + ar.result().bodyAsString());
          } else {
            submitNext(client, base, token, body, jobs, next, lane);
          }
        });
  }

  private static int count(Connection db, UUID merchant, String where) throws Exception {
    try (var q = db.prepareStatement("SELECT count(*) FROM ai.generation_jobs WHERE merchant_id = ? AND " + where)) {
      q.setObject(1, merchant);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
