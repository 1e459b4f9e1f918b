package dev.atelier.launcher;

import dev.atelier.codecs.Codecs;
import dev.atelier.runtime.testing.TestTokens;
import dev.atelier.codecs.users.Role;
import dev.atelier.gateway.GatewayConfig;
import dev.atelier.gateway.GatewayVerticle;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.ServiceModule;
import dev.atelier.runtime.service.ServiceModules;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.HttpTestClient;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.VertxOptions;
import dev.atelier.runtime.ops.Metrics;
import dev.atelier.runtime.messaging.OutboxRelay;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Every module on the class path on one Vert.x, as a node runs them, and an HTTP client for the tests. */
final class Platform implements AutoCloseable {
  final Vertx vertx;
  final int port;
  final JsonObject config;
  private final TestTokens tokens;
  private final HttpTestClient client;

  Platform(JsonObject config) {
    this(config, m -> true);
  }

  /** Only the modules {@code include} accepts, besides the gateway (a platform without workers, say). */
  Platform(JsonObject config, java.util.function.Predicate<ServiceModule> include) {
    this.config = config;
    tokens = new TestTokens(config);
    vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(Metrics.options(config)))
        .withMetrics(Metrics.factory()).build();
    Codecs.install(vertx);
    var relayed = new java.util.HashSet<String>();
    for (ServiceModule m : ServiceModules.discover()) {
      if (m.role() != NodeRole.GATEWAY && include.test(m)) {
        Await.result(vertx.deployVerticle(m::newVerticle, new DeploymentOptions().setConfig(config)));
        if (m.outboxSchema() != null && relayed.add(m.outboxSchema())) {
          Await.result(vertx.deployVerticle(OutboxRelay.forSchema(config, m.outboxSchema()),
              new DeploymentOptions().setConfig(config)));
        }
      }
    }
    var gateway = new GatewayVerticle();
    Await.result(vertx.deployVerticle(gateway, new DeploymentOptions().setConfig(config)));
    port = gateway.port();
    client = new HttpTestClient(port);
  }

  String token(UUID user, Role role) {
    return tokens.issue(user, role);
  }

  HttpRequest.Builder request(String path) {
    return client.request(path);
  }

  HttpResponse<String> send(HttpRequest request) {
    return client.send(request);
  }

  HttpResponse<byte[]> sendBytes(HttpRequest request) {
    return client.sendBytes(request);
  }

  HttpResponse<String> get(String path) {
    return client.get(path);
  }

  HttpResponse<String> json(String method, String path, String token, String body) {
    return client.json(method, path, token, body);
  }

  static JsonObject body(HttpResponse<String> r) {
    return HttpTestClient.body(r);
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
