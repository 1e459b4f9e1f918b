package dev.atelier.gateway;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.RecordCodec;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;

/**
 * A fake service for the gateway's tests, served through the real Bus: "things" that answer what
 * the test asks (a failure code, silence, a bug), so the edge is tested without any domain module.
 */
final class FakeShop implements ServiceModule {
  /** What the handler does: {@code "ok"}, a FailureCode name, {@code "silence"} or {@code "bug"}. */
  record Ask(UUID thingId, String behaviour, UUID owner) {}

  record Thing(UUID id, String name, UUID owner) {}

  /** A body with a rule, as domain records have. */
  record NewThing(String name, Integer size) {
    NewThing {
      if (name == null || name.isBlank()) {
        throw Failure.invalid("name", "must not be blank");
      }
    }
  }

  static final Address<Ask, Thing> ASK = Address.of("shop.thing.ask", Ask.class, Thing.class);

  static void installCodecs(Vertx vertx) {
    for (Class<?> type : List.of(Ask.class, Thing.class)) {
      register(vertx, type);
    }
  }

  private static <T> void register(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new RecordCodec<>(type));
  }

  @Override
  public String name() {
    return "shop";
  }

  @Override
  public NodeRole role() {
    return NodeRole.SERVICES;
  }

  @Override
  public Deployable newVerticle() {
    return new ShopVerticle();
  }

  @Override
  public String openApiFragment() {
    return "openapi/shop.yaml";
  }

  @Override
  public List<ApiRoute> routes(RouteContext ctx) {
    var services = ctx.services();
    return List.of(
        ApiRoute.get("/api/things/:id", "getThing").handle(req ->
            services.call(ASK, new Ask(req.pathUuid("id"), req.query("behaviour") == null ? "ok" : req.query("behaviour"), null))
                .map(ApiReply::ok)),
        ApiRoute.get("/api/things/special", "getSpecialThing").handle(req ->
            Future.succeededFuture(ApiReply.ok(new Thing(new UUID(0, 1), "special", null)))),
        ApiRoute.get("/api/my/things/:id", "getMyThing").authenticated().handle(req ->
            services.call(ASK, new Ask(req.pathUuid("id"), "ok", req.caller().userId())).map(ApiReply::ok)),
        ApiRoute.post("/api/things", "createThing").roles(Role.MERCHANT).body(NewThing.class).handle(req ->
            Future.succeededFuture(ApiReply.created("/api/things/x",
                new Thing(UUID.randomUUID(), req.body(NewThing.class).name(), req.caller().userId())))));
  }

  /** Answers ASK as told; its readiness follows {@link #ready}. */
  static final class ShopVerticle extends VerticleBase {
    static volatile boolean ready = true;

    @Override
    public Future<?> start() {
      var bus = Bus.of(vertx, config());
      return Future.all(
          bus.serve(ASK, this::answer),
          bus.serveReadiness("shop", () -> ready ? Future.succeededFuture() : Future.failedFuture("shop's database is gone")));
    }

    private Future<Thing> answer(Ask ask) {
      return switch (ask.behaviour()) {
        case "ok" -> Future.succeededFuture(new Thing(ask.thingId(), "thing", ask.owner()));
        case "silence" -> Promise.<Thing>promise().future();
        case "bug" -> throw new IllegalStateException("a bug in the shop");
        default -> Future.failedFuture(new Failure(FailureCode.valueOf(ask.behaviour()), "id", "as asked"));
      };
    }
  }
}
