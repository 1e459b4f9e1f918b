package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/** What every call to a remote model (recommendations or images) shares: the POST with its timeout and key, and what counts as an answer. */
final class ModelRequests {
  private ModelRequests() {}

  static HttpRequest<Buffer> post(WebClient web, ModelSettings settings) {
    return post(web, settings.url(), settings.timeout(), settings.apiKey());
  }

  static HttpRequest<Buffer> post(WebClient web, String url, Duration timeout, String apiKey) {
    HttpRequest<Buffer> request = web.postAbs(url).timeout(timeout.toMillis());
    if (apiKey != null && !apiKey.isEmpty()) {
      request.bearerTokenAuthentication(apiKey);
    }
    return request;
  }

  static Future<HttpResponse<Buffer>> successful(HttpResponse<Buffer> response) {
    if (response.statusCode() / 100 != 2) {
      return Future.failedFuture(new IllegalStateException("the model answered " + response.statusCode()));
    }
    return Future.succeededFuture(response);
  }
}
