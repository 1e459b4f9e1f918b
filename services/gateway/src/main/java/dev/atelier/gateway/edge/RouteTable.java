package dev.atelier.gateway.edge;

import dev.atelier.codecs.ContractJson;
import dev.atelier.gateway.auth.BearerAuth;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The gateway's one route table: every service's {@link ApiRoute} rows mounted alike. Per request:
 * the route is named for metrics, the token and role are checked before any body is buffered, the
 * body is read strictly into the route's record, the route's downstream call runs, and its reply
 * is written; any failure goes to the router's failure handler (Problems).
 */
public final class RouteTable {
  private static final List<String> JSON = List.of("application/json");
  private final BearerAuth auth;
  private final Handler<RoutingContext> bodyHandler;

  /** {@code bodyHandler}: the BodyHandler, put only on routes that take a body, so reads never buffer one. */
  public RouteTable(BearerAuth auth, Handler<RoutingContext> bodyHandler) {
    this.auth = auth;
    this.bodyHandler = bodyHandler;
  }

  /** Mounts {@code routes}, literal paths before parameter paths; a method and path declared twice fails start-up. */
  public void mount(Router router, List<ApiRoute> routes) {
    var seen = new HashSet<String>();
    for (ApiRoute r : routes) {
      if (!seen.add(r.method() + " " + r.path())) {
        throw new IllegalStateException("two routes declare " + r.method() + " " + r.path());
      }
    }
    var ordered = new ArrayList<>(routes);
    ordered.sort(Comparator.comparingInt(RouteTable::parameterCount));
    ordered.forEach(r -> mount(router, r));
  }

  private static int parameterCount(ApiRoute r) {
    return (int) r.path().chars().filter(c -> c == ':').count();
  }

  private void mount(Router router, ApiRoute route) {
    String path = route.path();
    if (route.isPublic() && !route.takesBody()) {
      // the hot read path: one route to match, and no future for a token that is usually absent
      router.route(route.method(), path).handler(ctx -> {
        RequestLog.route(ctx, path);
        if (ctx.request().getHeader("Authorization") == null) {
          run(route, ctx);
        } else {
          guard(route, ctx);
        }
      });
      return;
    }
    // two routes for one path: vertx-web wants a BodyHandler before any user handler of a route,
    // and the token is checked before anyone's body is buffered
    router.route(route.method(), path).handler(ctx -> {
      RequestLog.route(ctx, path);
      if (route.takesBody()) {
        // the body waits, unread, for the BodyHandler that runs after the (asynchronous) check
        ctx.request().pause();
      }
      guard(route, ctx);
    });
    var second = router.route(route.method(), path);
    if (route.takesBody()) {
      second.handler(bodyHandler);
    }
    second.handler(ctx -> run(route, ctx));
  }

  private void guard(ApiRoute route, RoutingContext ctx) {
    auth.check(ctx, route.roles()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (route.isPublic() && !route.takesBody()) {
        run(route, ctx);
      } else {
        ctx.next();
      }
    });
  }

  private void run(ApiRoute route, RoutingContext ctx) {
    Future<ApiReply> reply;
    try {
      Object body = route.takesBody() ? RequestBodies.read(ctx, route.bodyType(), JSON) : null;
      var request = new ApiRequest(BearerAuth.callerOf(ctx), ctx.pathParams(), ctx.queryParams(),
          ctx.request().headers(), body);
      reply = route.handler().apply(request);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        send(ctx, ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  static void send(RoutingContext ctx, ApiReply reply) {
    HttpServerResponse response = ctx.response().setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      response.putHeader(h.getKey(), h.getValue());
    }
    if (reply.rawJson() != null) {
      response.putHeader("Content-Type", "application/json").end(Buffer.buffer(reply.rawJson()));
    } else if (reply.body() != null) {
      response.putHeader("Content-Type", "application/json").end(Buffer.buffer(ContractJson.toBytes(reply.body())));
    } else {
      response.end();
    }
  }
}
