package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.ai.AiApi;
import dev.atelier.codecs.ai.GenerationFailed;
import dev.atelier.codecs.users.Role;
import dev.atelier.launcher.bench.StandInModel;
import dev.atelier.launcher.bench.StandInModel.Mode;
import dev.atelier.runtime.messaging.BrokerNames;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.EventProbe;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The remote image provider against a stand-in model server: its PNG becomes the result; and when
 * it always fails, the job is retried (three retries, short delays here) and then ends failed, with
 * the error, ai.generation.failed and a dead letter an operator can see.
 */
class RemoteGenerationIT {
  private static TestDatabase db;
  private static Platform platform;
  private static StandInModel model;
  private static EventProbe events;
  private static JsonObject config;
  private static String merchant;

  @BeforeAll
  static void start() throws Exception {
    model = StandInModel.start();
    db = TestServers.newDatabase();
    config = TestServers.config(db);
    FuzzConfig.relaxLimits(config);
    config.getJsonObject("ai").getJsonObject("generator").put("provider", "remote")
        .put("url", model.url("/v1/images/generations")).put("timeoutMillis", 2000);
    config.getJsonObject("messaging").getJsonObject("consumer").put("retryDelaysMillis", new JsonArray().add(100).add(200).add(300));
    platform = new Platform(config);
    events = EventProbe.start(platform.vertx, config, "ai.generation.*");
    merchant = platform.token(UUID.randomUUID(), Role.MERCHANT);
  }

  @AfterAll
  static void stop() {
    events.close();
    platform.close();
    db.close();
    model.close();
  }

  @Test
  @DisplayName("healthy: the model's PNG is the job's result, and the model was asked with the product in the prompt")
  void remoteResult() throws Exception {
    model.mode(Mode.HEALTHY);
    String id = submit(product("Copper kettle"));
    awaitStatus(id, "succeeded");
    HttpResponse<byte[]> result = platform.sendBytes(get("/api/ai/generations/" + id + "/result"));
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.body()).isEqualTo(StandInModel.onePixelPng());
    assertThat(model.lastBody().getString("prompt")).startsWith("Product photo of Copper kettle");
    assertThat(model.lastBody().getString("size")).isEqualTo("1024x1024");
  }

  @Test
  @DisplayName("a provider that always fails: four attempts, then failed with the error, ai.generation.failed and a dead letter")
  void failsAfterRetries() throws Exception {
    model.mode(Mode.FAILING);
    try {
      int before = model.calls();
      String id = submit(product("Glass carafe"));
      JsonObject failed = awaitStatus(id, "failed");
      assertThat(failed.getString("error")).contains("500");
      assertThat(failed.getString("resultUrl")).isNull();
      GenerationFailed event = events.await(AiApi.GENERATION_FAILED, e -> e.jobId().toString().equals(id));
      assertThat(event.attempts()).isEqualTo(4);
      assertThat(model.calls() - before).as("one call per attempt").isEqualTo(4);
      assertThat(platform.send(get("/api/ai/generations/" + id + "/result")).statusCode()).as("no result").isEqualTo(409);

      String admin = platform.token(UUID.randomUUID(), Role.ADMIN);
      String queue = BrokerNames.from(config).queue("ai.generations");
      Await.until(Duration.ofSeconds(20), "the job's dead letter", () -> {
        var r = platform.send(platform.request("/api/admin/dead-letters?queue=" + queue)
            .header("Authorization", "Bearer " + admin).GET().build());
        return r.statusCode() == 200 && r.body().contains(id) && r.body().contains("\"attempts\":4");
      });
    } finally {
      model.mode(Mode.HEALTHY);
    }
  }

  private static UUID product(String name) {
    var r = platform.json("POST", "/api/products", merchant,
        "{\"name\":\"" + name + "\",\"priceCents\":4500,\"currency\":\"EUR\",\"stock\":2}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return UUID.fromString(Platform.body(r).getString("id"));
  }

  private static String submit(UUID product) {
    var r = platform.json("POST", "/api/ai/generations", merchant, "{\"productId\":\"" + product + "\",\"kind\":\"image\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return Platform.body(r).getString("id");
  }

  private static JsonObject awaitStatus(String id, String status) {
    var last = new JsonObject[1];
    Await.until(Duration.ofSeconds(30), "generation " + id + " " + status, () -> {
      last[0] = Platform.body(platform.send(get("/api/ai/generations/" + id)));
      return last[0].getString("status").equals(status);
    });
    return last[0];
  }

  private static HttpRequest get(String path) {
    return platform.request(path).header("Authorization", "Bearer " + merchant).GET().build();
  }
}
