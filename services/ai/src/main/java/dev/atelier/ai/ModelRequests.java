package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** What every call to a remote model shares: the POST with its timeout and key, and what counts as an answer. */
final class ModelRequests {
  private ModelRequests() {}

  static HttpRequest<Buffer> post(WebClient web, ModelSettings settings) {
    HttpRequest<Buffer> request = web.postAbs(settings.url()).timeout(settings.timeout().toMillis());
    if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
      request.bearerTokenAuthentication(settings.apiKey());
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
