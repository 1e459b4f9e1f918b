package dev.atelier.ai;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.Base64;

/**
 * An image model behind an OpenAI-compatible {@code /v1/images/generations}: POST {@code {prompt,
 * size: "WxH", n: 1, response_format: "b64_json"}}, answer {@code {data: [{b64_json}]}}, which must
 * decode to a PNG. Behind a breaker (ai.generator.*) whose timeout bounds each call; a failure is
 * the worker's to retry. One per node (NodeShared).
 */
final class RemoteImageProvider implements ImageProvider, AutoCloseable {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private final WebClient web;
  private final CircuitBreaker breaker;
  private final GeneratorSettings settings;

  RemoteImageProvider(Vertx vertx, GeneratorSettings settings) {
    this.settings = settings;
    web = WebClient.create(vertx);
    breaker = CircuitBreaker.create("ai-generator", vertx, new CircuitBreakerOptions()
        .setMaxFailures(settings.maxFailures()).setTimeout(settings.timeout().toMillis())
        .setResetTimeout(settings.reset().toMillis()));
  }

  @Override
  public Future<Buffer> render(GenerationJob job) {
    return breaker.execute(() -> call(job));
  }

  private Future<Buffer> call(GenerationJob job) {
    var body = new JsonObject().put("prompt", prompt(job)).put("size", job.width() + "x" + job.height())
        .put("n", 1).put("response_format", "b64_json");
    if (settings.name() != null && !settings.name().isEmpty()) {
      body.put("model", settings.name());
    }
    return ModelRequests.post(web, settings.url(), settings.timeout(), settings.apiKey()).sendJsonObject(body)
        .compose(ModelRequests::successful)
        .map(response -> png(response.bodyAsJsonObject()));
  }

  static String prompt(GenerationJob job) {
    String base = "Product photo of " + job.productName()
        + (job.tags().isEmpty() ? "" : " (" + String.join(", ", job.tags()) + ")");
    return job.prompt() == null || job.prompt().isBlank() ? base : base + ". " + job.prompt();
  }

  private static Buffer png(JsonObject answer) {
    JsonArray data = answer == null ? null : answer.getJsonArray("data");
    String b64 = data == null || data.isEmpty() ? null : data.getJsonObject(0).getString("b64_json");
    if (b64 == null) {
      throw new IllegalStateException("the image model's answer has no data[0].b64_json");
    }
    byte[] bytes = Base64.getDecoder().decode(b64);
    if (bytes.length < PNG_SIGNATURE.length || !java.util.Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
      throw new IllegalStateException("the image model's answer is not a PNG");
    }
    return Buffer.buffer(bytes);
  }

  @Override
  public void close() {
    breaker.close();
    web.close();
  }
}
