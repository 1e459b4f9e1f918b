package dev.atelier.launcher.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for a remote model server, for tests and benchmarks (the only thing we stand in for:
 * a third party's HTTP API). It speaks the shapes the AI service understands: POST /recommend
 * ({@code {items: [{productId, score}]}}, the candidates in reverse order, so its answer is told
 * apart from the local ranking), POST /v1/embeddings (a bag-of-letters vector per input) and POST
 * /v1/images/generations (a 1x1 PNG). Its {@link Mode} is switched at run time: healthy (answers
 * after {@code delayMillis}), hanging (reads the request, never answers), failing (500 at once) or
 * absent (not listening: connections are refused).
 *
 * <p>As a program, for the benchmarks: {@code StandInModel <port> <control-port> <delay-ms>}; then
 * {@code POST http://127.0.0.1:<control-port>/mode/<healthy|hanging|failing|absent>} switches it.
 */
public final class StandInModel implements AutoCloseable {
  public enum Mode { HEALTHY, HANGING, FAILING, ABSENT }

  private static final String ONE_PIXEL_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  private final Vertx vertx;
  private HttpServer server;
  private final int port;
  private volatile long delayMillis;
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<JsonObject> lastBody = new AtomicReference<>();

  private StandInModel(Vertx vertx, int port) throws Exception {
    this.vertx = vertx;
    this.port = port == 0 ? listen(0) : listen(port);
  }

  /** Listens on a free loopback port with its own Vert.x. */
  public static StandInModel start() throws Exception {
    return new StandInModel(Vertx.vertx(), 0);
  }

  public static void main(String[] args) throws Exception {
    var model = new StandInModel(Vertx.vertx(), Integer.parseInt(args[0]));
    model.delayMillis = Long.parseLong(args[2]);
    model.vertx.createHttpServer().requestHandler(req -> {
      String wanted = req.path().substring(req.path().lastIndexOf('/') + 1).toUpperCase(java.util.Locale.ROOT);
      Mode mode;
      try {
        mode = Mode.valueOf(wanted);
      } catch (IllegalArgumentException e) {
        req.response().setStatusCode(400).end("modes: healthy, hanging, failing, absent\n");
        return;
      }
      model.switchTo(mode).onComplete(ar -> req.response().setStatusCode(ar.succeeded() ? 200 : 500).end(wanted + "\n"));
    }).listen(Integer.parseInt(args[1]), "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    System.err.println("stand-in model on :" + model.port + " (" + model.delayMillis + " ms per answer)");
  }

  private int listen(int at) throws Exception {
    return listening(at).toCompletionStage().toCompletableFuture().get();
  }

  private Future<Integer> listening(int at) {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(at, "127.0.0.1").map(HttpServer::actualPort);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Switches the mode (from a test's thread); ABSENT stops listening, any other mode listens again on the same port. */
  public void mode(Mode value) throws Exception {
    switchTo(value).toCompletionStage().toCompletableFuture().get();
  }

  private synchronized Future<Void> switchTo(Mode value) {
    Mode was = mode.getAndSet(value);
    if (value == Mode.ABSENT && was != Mode.ABSENT) {
      return server.close();
    }
    if (value != Mode.ABSENT && was == Mode.ABSENT) {
      return listening(port).mapEmpty();
    }
    return Future.succeededFuture();
  }

  /** Requests received so far (answered or not). */
  public int calls() {
    return calls.get();
  }

  /** The body of the last request received. */
  public JsonObject lastBody() {
    return lastBody.get();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(buffer -> {
      calls.incrementAndGet();
      JsonObject body = buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
      lastBody.set(body);
      switch (mode.get()) {
        case HANGING:
          return;  // the connection stays open, unanswered, until the client gives up
        case FAILING:
          req.response().setStatusCode(500).end("{\"error\":\"stand-in failing\"}");
          return;
        default:
          String answer = answer(req.path(), body).encode();
          if (delayMillis > 0) {
            vertx.setTimer(delayMillis, id -> req.response().putHeader("Content-Type", "application/json").end(answer));
          } else {
            req.response().putHeader("Content-Type", "application/json").end(answer);
          }
      }
    });
  }

  private static JsonObject answer(String path, JsonObject body) {
    if (path.endsWith("/embeddings")) {
      var data = new JsonArray();
      JsonArray input = body.getJsonArray("input");
      for (int i = 0; i < input.size(); i++) {
        data.add(new JsonObject().put("index", i).put("embedding", lettersOf(input.getString(i))));
      }
      return new JsonObject().put("data", data);
    }
    if (path.endsWith("/images/generations")) {
      return new JsonObject().put("data", new JsonArray().add(new JsonObject().put("b64_json", ONE_PIXEL_PNG)));
    }
    JsonArray candidates = body.getJsonArray("candidates", new JsonArray());
    int limit = body.getInteger("limit", 10);
    var items = new JsonArray();
    for (int i = candidates.size() - 1; i >= 0 && items.size() < limit; i--) {
      items.add(new JsonObject().put("productId", candidates.getJsonObject(i).getString("productId"))
          .put("score", 1.0 / (items.size() + 1)));
    }
    return new JsonObject().put("items", items);
  }

  private static JsonArray lettersOf(String text) {
    var counts = new double[26];
    for (char c : text.toLowerCase().toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        counts[c - 'a']++;
      }
    }
    var vector = new JsonArray();
    for (double v : counts) {
      vector.add(v);
    }
    return vector;
  }

  /** The image the stand-in answers with. */
  public static byte[] onePixelPng() {
    return Base64.getDecoder().decode(ONE_PIXEL_PNG);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
