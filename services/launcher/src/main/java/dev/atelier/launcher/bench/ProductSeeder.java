package dev.atelier.launcher.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds products over the real API for the benchmarks and writes their ids, one per line, reading
 * each once so the cache holds it: {@code ProductSeeder <base-url> <token> <count> <ids-file>}.
 * {@code ProductSeeder --read <base-url> <ids-file>} only reads every id once (a cache warm-up).
 */
public final class ProductSeeder {
  private static final int CONCURRENCY = 32;

  private ProductSeeder() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--read")) {
      readAll(args[1], Files.readAllLines(Path.of(args[2])));
      return;
    }
    String base = args[0];
    String token = args[1];
    int count = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(CONCURRENCY));
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      Promise<Void> done = Promise.promise();
      createNext(client, base, token, count, next, ids, done);
      workers.add(done.future());
    }
    Future.all(workers).toCompletionStage().toCompletableFuture().get();
    Files.write(out, ids);
    System.err.println("seeded " + ids.size() + " products");
    vertx.close();
  }

  private static void readAll(String base, List<String> ids) throws Exception {
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(CONCURRENCY));
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      Promise<Void> done = Promise.promise();
      readNext(client, base, ids, next, done);
      workers.add(done.future());
    }
    Future.all(workers).toCompletionStage().toCompletableFuture().get();
    vertx.close();
  }

  private static void readNext(WebClient client, String base, List<String> ids, AtomicInteger next, Promise<Void> done) {
    int n = next.getAndIncrement();
    if (n >= ids.size()) {
      done.complete();
      return;
    }
    client.getAbs(base + "/api/products/" + ids.get(n)).send().onComplete(ar -> readNext(client, base, ids, next, done));
  }

  private static void createNext(WebClient client, String base, String token, int count, AtomicInteger next,
                                 List<String> ids, Promise<Void> done) {
    int n = next.getAndIncrement();
    if (n >= count) {
      done.complete();
      return;
    }
    var product = new JsonObject().put("name", "Bench product " + n)
        .put("description", "A product seeded for the read benchmark, with a description of ordinary length.")
        .put("priceCents", 1_000 + n).put("currency", "EUR").put("tags", List.of("bench", "tag" + (n % 50))).put("stock", 100);
    client.postAbs(base + "/api/products").bearerTokenAuthentication(token).sendJsonObject(product).onComplete(ar -> {
      if (ar.failed() || ar.result().statusCode() != 201) {
        done.fail(ar.failed() ? ar.cause().getMessage() : "status " + ar.result().statusCode() + ": " + ar.result().bodyAsString());
        return;
      }
      String id = ar.result().bodyAsJsonObject().getString("id");
      ids.add(id);
      // read it once, so the cache holds every seeded product
      client.getAbs(base + "/api/products/" + id).send().onComplete(read -> createNext(client, base, token, count, next, ids, done));
    });
  }
}
