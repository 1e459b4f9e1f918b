package dev.atelier.gateway;

import dev.atelier.catalog.CatalogVerticle;
import dev.atelier.codecs.Codecs;
import dev.atelier.gateway.auth.BearerAuth;
import dev.atelier.gateway.auth.DevTokens;
import dev.atelier.gateway.auth.Role;
import dev.atelier.runtime.testing.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.VertxOptions;
import dev.atelier.runtime.ops.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Catalog and gateway on one Vert.x, as a node runs them, and an HTTP client for the tests. */
final class Platform implements AutoCloseable {
  final Vertx vertx;
  final int port;
  private final DevTokens tokens;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Platform(JsonObject config) {
    vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(Metrics.options(config)))
        .withMetrics(Metrics.factory()).build();
    Codecs.install(vertx);
    Await.result(vertx.deployVerticle(CatalogVerticle::new, new DeploymentOptions().setConfig(config)));
    var gateway = new GatewayVerticle();
    Await.result(vertx.deployVerticle(gateway, new DeploymentOptions().setConfig(config)));
    port = gateway.port();
    var gc = GatewayConfig.from(config);
    tokens = new DevTokens(BearerAuth.provider(vertx, gc), gc.issuer(), gc.audience());
  }

  String token(UUID user, Role role) {
    return tokens.issue(user, role, Duration.ofMinutes(5));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15));
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> json(String method, String path, String token, String body) {
    var b = request(path).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  static JsonObject body(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
