package dev.atelier.launcher.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Seeds products over the real API for the benchmarks and writes their ids, one per line, reading
 * each once so the cache holds it: {@code ProductSeeder <base-url> <token> <count> <ids-file>}.
 * {@code ProductSeeder --read <base-url> <ids-file>} only reads every id once (a cache warm-up).
 */
public final class ProductSeeder {
  private static final int CONCURRENCY = 32;

  private ProductSeeder() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    try {
      if (args[0].equals("--read")) {
        List<String> ids = Files.readAllLines(Path.of(args[2]));
        runConcurrently(ids.size(), n -> read(client, args[1], ids.get(n)));
        return;
      }
      String base = args[0];
      String token = args[1];
      List<String> ids = Collections.synchronizedList(new ArrayList<>());
      runConcurrently(Integer.parseInt(args[2]), n -> create(client, base, token, n)
          .compose(id -> {
            ids.add(id);
            // read it once, so the cache holds every seeded product
            return read(client, base, id);
          }));
      Files.write(Path.of(args[3]), ids);
      System.err.println("seeded " + ids.size() + " products");
    } finally {
      vertx.close();
    }
  }

  /** Runs {@code task(0..count-1)}, CONCURRENCY at a time; fails with the first failure. */
  private static void runConcurrently(int count, IntFunction<Future<?>> task) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      Promise<Void> done = Promise.promise();
      runNext(count, task, next, done);
      workers.add(done.future());
    }
    Future.all(workers).toCompletionStage().toCompletableFuture().get();
  }

  private static void runNext(int count, IntFunction<Future<?>> task, AtomicInteger next, Promise<Void> done) {
    int n = next.getAndIncrement();
    if (n >= count) {
      done.complete();
      return;
    }
    task.apply(n).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else {
        runNext(count, task, next, done);
      }
    });
  }

  private static final String[] MATERIALS = {"oak", "walnut", "ash", "linen", "wool", "brass", "copper", "ceramic",
      "stoneware", "glass", "marble", "leather", "rattan", "cotton", "steel", "bamboo"};
  private static final String[] THINGS = {"chair", "table", "lamp", "mug", "vase", "cushion", "rug", "shelf", "bowl",
      "stool", "mirror", "throw", "kettle", "desk", "bench", "planter"};
  private static final String[] ROOMS = {"dining", "kitchen", "living", "garden", "bedroom", "office", "hallway", "bath"};

  // names and tags vary the way a real catalog's do, so a similarity search has something to tell apart
  private static Future<String> create(WebClient client, String base, String token, int n) {
    String material = MATERIALS[n % MATERIALS.length];
    String thing = THINGS[(n / MATERIALS.length) % THINGS.length];
    String room = ROOMS[(n / 7) % ROOMS.length];
    var product = new JsonObject().put("name", capitalised(material) + " " + room + " " + thing + " no. " + n)
        .put("description", "A " + material + " " + thing + " for the " + room + ", made in small batches; seeded for the benchmarks.")
        .put("priceCents", 1_000 + (n * 37) % 50_000).put("currency", "EUR")
        .put("tags", List.of(material, thing, room)).put("stock", 100);
    return client.postAbs(base + "/api/products").bearerTokenAuthentication(token)
        .putHeader("Idempotency-Key", "seed-" + java.util.UUID.randomUUID()).sendJsonObject(product)
        .compose(r -> r.statusCode() == 201 ? Future.succeededFuture(r.bodyAsJsonObject().getString("id"))
            : Future.failedFuture("status " + r.statusCode() + ": " + r.bodyAsString()));
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static Future<Void> read(WebClient client, String base, String id) {
    return client.getAbs(base + "/api/products/" + id).send().mapEmpty();
  }
}
