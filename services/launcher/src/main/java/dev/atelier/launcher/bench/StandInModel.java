package dev.atelier.launcher.bench;

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
 * /v1/images/generations (a 1x1 PNG). Its {@link Mode} is switched at run time: healthy, hanging
 * (reads the request, never answers) or failing (500 at once).
 */
public final class StandInModel implements AutoCloseable {
  public enum Mode { HEALTHY, HANGING, FAILING }

  private static final String ONE_PIXEL_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  private final Vertx vertx;
  private final HttpServer server;
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<JsonObject> lastBody = new AtomicReference<>();

  private StandInModel(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Listens on a free loopback port with its own Vert.x. */
  public static StandInModel start() throws Exception {
    Vertx vertx = Vertx.vertx();
    var holder = new AtomicReference<StandInModel>();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> holder.get().handle(req));
    var model = new StandInModel(vertx, server);
    holder.set(model);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    return model;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public void mode(Mode value) {
    mode.set(value);
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
          req.response().putHeader("Content-Type", "application/json").end(answer(req.path(), body).encode());
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
