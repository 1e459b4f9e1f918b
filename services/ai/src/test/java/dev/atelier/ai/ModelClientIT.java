package dev.atelier.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.ai.Recommendation;
import dev.atelier.runtime.testing.Await;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The model client against a small local HTTP server standing in for a model server's
 * OpenAI-compatible /v1/embeddings: the candidates come back re-ranked by cosine similarity; a
 * server that does not answer fails the call at the timeout; the breaker opens after maxFailures.
 */
class ModelClientIT {
  private static final long TIMEOUT_MS = 100;
  private Vertx vertx;
  private HttpServer server;
  private final AtomicBoolean hanging = new AtomicBoolean();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger lastAuthorized = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      calls.incrementAndGet();
      lastAuthorized.set("Bearer sk-test".equals(req.getHeader("Authorization")) ? 1 : 0);
      if (hanging.get()) {
        return;
      }
      // a toy embedding: [length of the text, 1 if it says "oak", 1 if it says "mug"]
      var data = new JsonArray();
      JsonArray input = body.toJsonObject().getJsonArray("input");
      for (int i = 0; i < input.size(); i++) {
        String text = input.getString(i).toLowerCase();
        data.add(new JsonObject().put("index", i).put("embedding",
            new JsonArray().add(0.01).add(text.contains("oak") ? 1 : 0).add(text.contains("mug") ? 1 : 0)));
      }
      req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("data", data).encode());
    })).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  private ModelClient client(int maxFailures, long timeoutMillis) {
    var settings = new ModelSettings("http://127.0.0.1:" + server.actualPort() + "/v1/embeddings", ModelSettings.EMBEDDINGS,
        "sk-test", "text-embedding-3-small", Duration.ofMillis(timeoutMillis), maxFailures, Duration.ofSeconds(5),
        Duration.ofSeconds(30), 8);
    return new ModelClient(vertx, settings);
  }

  private static ProductCopy product(String name, long price) {
    return new ProductCopy(UUID.randomUUID(), UUID.randomUUID(), name, "", List.of(), price, "EUR", 1, false);
  }

  @Test
  @DisplayName("embeddings: the candidates re-ranked by cosine similarity to the product, with the API key sent")
  void reranks() {
    var oakChair = product("Oak chair", 100);
    var mug = product("Stoneware mug", 100);
    var oakTable = product("Oak table", 100);
    List<Similar> candidates = List.of(new Similar(mug, 0.9), new Similar(oakTable, 0.5));
    List<Recommendation> ranked = Await.result(client(3, 5_000).rank(oakChair, candidates, 2));  // a cold JVM's first call may take a while
    assertThat(ranked).extracting(Recommendation::productId).containsExactly(oakTable.id(), mug.id());
    assertThat(ranked.get(0).score()).isGreaterThan(0.99);
    assertThat(lastAuthorized.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("a hanging server fails the call at the timeout, and the breaker opens after maxFailures: no more calls")
  void hangingOpensTheBreaker() {
    hanging.set(true);
    ModelClient client = client(2, TIMEOUT_MS);
    var chair = product("Oak chair", 100);
    List<Similar> candidates = List.of(new Similar(product("Oak table", 100), 0.5));
    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      Throwable failure = Await.failure(client.rank(chair, candidates, 1));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(failure).isNotNull();
      assertThat(millis).as("failed after (ms)").isBetween(TIMEOUT_MS - 5, TIMEOUT_MS + 60);
    }
    assertThat(client.state()).isEqualTo(CircuitBreakerState.OPEN);
    int reached = calls.get();
    long start = System.nanoTime();
    assertThat(Await.failure(client.rank(chair, candidates, 1))).isNotNull();
    assertThat((System.nanoTime() - start) / 1_000_000).as("an open breaker fails at once").isLessThan(20);
    assertThat(calls.get()).isEqualTo(reached);
  }
}
