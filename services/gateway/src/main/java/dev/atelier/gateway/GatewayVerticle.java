package dev.atelier.gateway;

import dev.atelier.codecs.platform.Readiness;
import dev.atelier.codecs.platform.ReadinessCheck;
import dev.atelier.gateway.auth.BearerAuth;
import dev.atelier.gateway.auth.RevokedSessions;
import dev.atelier.codecs.platform.Identity;
import dev.atelier.codecs.platform.ListRevokedSessions;
import dev.atelier.runtime.auth.AccessTokenVerifier;
import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.gateway.edge.ContractValidator;
import dev.atelier.gateway.edge.DocumentedRoutes;
import dev.atelier.gateway.edge.EdgeHeaders;
import dev.atelier.gateway.edge.OpenApiDocument;
import dev.atelier.gateway.edge.IdempotencyCleanup;
import dev.atelier.gateway.edge.IdempotencyKeys;
import dev.atelier.gateway.edge.RateLeases;
import dev.atelier.gateway.edge.RateLimiter;
import dev.atelier.gateway.edge.RateLimits;
import dev.atelier.gateway.edge.Problems;
import dev.atelier.gateway.edge.RequestLog;
import dev.atelier.gateway.edge.RouteTable;
import dev.atelier.gateway.routes.OpsRoutes;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.ops.HealthCheck;
import dev.atelier.runtime.ops.NodeHealth;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import dev.atelier.runtime.service.ServiceModules;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The HTTP edge: every module's routes in one table, every failure answered by Problems. */
public final class GatewayVerticle extends VerticleBase {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GatewayVerticle.class);
  private final List<ServiceModule> modules;
  private HttpServer server;
  private IdempotencyKeys idempotency;
  private long leaseSweep = -1;
  private long revocationSweep = -1;
  private IdempotencyCleanup cleanup;
  private RateLimiter limiter;

  /** The modules found on the class path. */
  public GatewayVerticle() {
    this(ServiceModules.discover());
  }

  /** Exactly these modules' routes (tests serve fakes). */
  public GatewayVerticle(List<ServiceModule> modules) {
    this.modules = List.copyOf(modules);
  }

  @Override
  public Future<?> start() {
    var services = Downstream.of(vertx, Bus.of(vertx, config()), config());
    return IdempotencyKeys.start(vertx, config()).compose(keys -> {
      idempotency = keys;
      cleanup = IdempotencyCleanup.start(vertx, keys);
      // reading key files and modules' route tables is file work: on a worker, not the event loop
      return vertx.executeBlocking(() -> prepare(services));
    }).compose(prepared -> ContractValidator.create(vertx, prepared.document())
        .compose(contract -> serve(services, prepared, contract)));
  }

  private record Prepared(AccessTokenVerifier verifier, List<ApiRoute> routes, OpenApiDocument document) {}

  private Prepared prepare(Downstream services) {
    var routes = routes(services);
    var fragments = modules.stream().map(ServiceModule::openApiFragment).filter(Objects::nonNull).toList();
    var document = OpenApiDocument.load(getClass().getClassLoader(), fragments);
    DocumentedRoutes.check(routes, document);
    return new Prepared(AccessTokenVerifier.of(AuthConfig.from(config())), routes, document);
  }

  private List<ApiRoute> routes(Downstream services) {
    var routeContext = new RouteContext(vertx, services, config());
    var routes = new ArrayList<ApiRoute>();
    for (ServiceModule m : modules) {
      List<ApiRoute> own = m.routes(routeContext);
      if (!own.isEmpty()) {
        routes.addAll(own);
        registerReadiness(services, m.name());
      }
    }
    return routes;
  }

  private Future<?> serve(Downstream services, Prepared prepared, ContractValidator contract) {
    var config = GatewayConfig.from(config());
    var problems = new Problems(config.retryAfterSeconds());
    var authConfig = AuthConfig.from(config());
    var revoked = RevokedSessions.of(vertx, authConfig.accessTokenLifetime().plus(authConfig.clockSkew()));
    var auth = new BearerAuth(prepared.verifier(), authConfig.clockSkew(), revoked);
    followRevocations(services, revoked, authConfig);
    var routes = prepared.routes();

    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(config.slowRequest()));
    router.route().handler(new EdgeHeaders(config.hsts()));
    if (!config.corsOrigins().isEmpty()) {
      // on /api/* only: on / it would also vet WebSocket upgrades (../shared/notes/vertx5.md)
      router.route("/api/*").handler(CorsHandler.create().addOrigins(config.corsOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-Id"))
          .exposedHeaders(Set.of("Location", "X-Correlation-Id", "X-Cache", "Retry-After",
              "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"))
          .maxAgeSeconds(600));
    }
    router.route().handler(TimeoutHandler.create(config.requestTimeout().toMillis(), 504));
    new OpsRoutes(vertx, prepared.document()).mount(router);
    var limits = RateLimits.from(config());
    limiter = RateLimiter.create(vertx, config());
    var leases = new RateLeases(limiter, Duration.ofSeconds(1));
    leaseSweep = vertx.setPeriodic(5_000, t -> leases.dropExpired());
    NodeHealth.of(vertx).register(limiter.healthCheck());
    new RouteTable(auth, BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()), limits, leases, idempotency,
        contract)
        .mount(router, routes);
    router.route().failureHandler(problems::handle);
    router.errorHandler(404, problems::handle);
    router.errorHandler(405, problems::handle);
    router.errorHandler(500, problems::handle);

    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
            .setMaxInitialLineLength(8192).setMaxHeaderSize(16384)
            // a client that goes quiet (slowloris) loses its connection instead of holding it
            .setIdleTimeout(config.idleTimeoutSeconds()))
        .requestHandler(router);
    return server.listen();
  }

  /**
   * Hears every session revocation from now on, then asks for those of the last token lifetime it
   * missed; if that list cannot be had yet (users still starting), it is asked again shortly.
   */
  private void followRevocations(Downstream services, RevokedSessions revoked, AuthConfig auth) {
    var bus = Bus.of(vertx, config());
    bus.subscribe(Identity.SESSIONS_REVOKED, revoked::add);
    revocationSweep = vertx.setPeriodic(30_000, t -> revoked.dropExpired());
    catchUp(services, revoked, auth, 1);
  }

  private void catchUp(Downstream services, RevokedSessions revoked, AuthConfig auth, int attempt) {
    var since = java.time.Instant.now().minus(auth.accessTokenLifetime()).minus(auth.clockSkew());
    services.call(Identity.LIST_REVOKED_SESSIONS, new ListRevokedSessions(since)).onComplete(ar -> {
      if (ar.succeeded()) {
        revoked.add(ar.result());
      } else {
        if (attempt == 20) {
          log.warn("still cannot learn the sessions revoked before this gateway started ({}); trying on",
              ar.cause().getMessage());
        }
        vertx.setTimer(Math.min(30_000, 500L * attempt), t -> catchUp(services, revoked, auth, attempt + 1));
      }
    });
  }

  /** Each service the gateway routes to must answer its readiness ping, or this node cannot serve those routes. */
  private void registerReadiness(Downstream services, String service) {
    NodeHealth.of(vertx).register(new HealthCheck(service, true,
        () -> services.call(Readiness.address(service), new ReadinessCheck("gateway"))));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(leaseSweep);
    vertx.cancelTimer(revocationSweep);
    if (cleanup != null) {
      cleanup.stop();
    }
    if (limiter != null) {
      limiter.close();
    }
    // the server first, so no request starts on a closed pool
    Future<?> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> idempotency == null ? Future.succeededFuture() : idempotency.close());
  }

  /** The port actually bound (differs from config when it asked for 0). */
  public int port() {
    return server.actualPort();
  }
}
