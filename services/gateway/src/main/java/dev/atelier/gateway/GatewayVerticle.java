package dev.atelier.gateway;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.gateway.auth.BearerAuth;
import dev.atelier.gateway.edge.Problems;
import dev.atelier.gateway.edge.RequestLog;
import dev.atelier.gateway.routes.OpsRoutes;
import dev.atelier.gateway.routes.ProductRoutes;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.ops.HealthCheck;
import dev.atelier.runtime.ops.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;

/** The HTTP edge: one route table, every failure answered by Problems. */
public final class GatewayVerticle extends VerticleBase {
  private static final UUID NEVER_AN_ID = new UUID(0, 0);
  private HttpServer server;

  @Override
  public Future<?> start() {
    var config = GatewayConfig.from(config());
    var problems = new Problems(config.retryAfterSeconds());
    var services = Downstream.of(vertx, Bus.of(vertx, config()), config());
    var auth = new BearerAuth(BearerAuth.provider(vertx, config));
    NodeHealth.of(vertx).register(new HealthCheck("catalog", true, () -> catalogAnswers(services)));

    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(config.slowRequest()));
    new OpsRoutes(vertx).mount(router);
    var body = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
    new ProductRoutes(services, auth, body).mount(router);
    router.route().failureHandler(problems::handle);
    router.errorHandler(404, problems::handle);
    router.errorHandler(405, problems::handle);
    router.errorHandler(500, problems::handle);

    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
            .setMaxInitialLineLength(8192))
        .requestHandler(router);
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The catalog is reachable and can read its database: a lookup of an id that never exists answers NOT_FOUND. */
  private static Future<Void> catalogAnswers(Downstream services) {
    return services.call(CatalogApi.GET_PRODUCT, new GetProduct(NEVER_AN_ID)).<Void>mapEmpty()
        .recover(e -> e instanceof Failure f && f.code() == FailureCode.NOT_FOUND
            ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** The port actually bound (differs from config when it asked for 0). */
  public int port() {
    return server.actualPort();
  }
}
