package dev.atelier.gateway.edge;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.gateway.auth.BearerAuth;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.http.Caller;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one route table: every service's {@link ApiRoute} rows mounted alike. Per request,
 * in this order: the route is named for metrics; the token and role are checked and the caller's
 * rate limit taken, before any body is buffered; parameters and body are validated against the
 * route's OpenAPI operation, and the body is read strictly into the route's record
 * after the request is checked against its operation in the OpenAPI document (and the account's
 * own limit taken, where the route has one); an {@code Idempotency-Key} is
 * claimed or its first answer replayed; the route's downstream call runs and its reply is written.
 * Any failure goes to the router's failure handler (Problems).
 */
public final class RouteTable {
  private static final Logger log = LoggerFactory.getLogger(RouteTable.class);
  private static final List<String> JSON = List.of("application/json");
  private final BearerAuth auth;
  private final Handler<RoutingContext> bodyHandler;
  private final RateLimits limits;
  private final RateLeases leases;
  private final IdempotencyKeys idempotency;
  private final ContractValidator contract;

  /**
   * {@code bodyHandler}: the BodyHandler, put only on routes that take a body, so reads never buffer
   * one; {@code leases}: null when rate limits are off.
   */
  public RouteTable(BearerAuth auth, Handler<RoutingContext> bodyHandler, RateLimits limits, RateLeases leases,
                    IdempotencyKeys idempotency, ContractValidator contract) {
    this.auth = auth;
    this.bodyHandler = bodyHandler;
    this.limits = limits;
    this.leases = limits.enabled() ? leases : null;
    this.idempotency = idempotency;
    this.contract = contract;
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
    if (!route.takesBody()) {
      // the read path: one route to match
      router.route(route.method(), path).handler(ctx -> {
        RequestLog.route(ctx, path);
        admit(route, ctx, () -> {
          if (valid(route, ctx)) {
            run(route, ctx, null);
          }
        });
      });
      return;
    }
    // two routes for one path: vertx-web wants a BodyHandler before any user handler of a route,
    // and the token is checked before anyone's body is buffered
    router.route(route.method(), path).handler(ctx -> {
      RequestLog.route(ctx, path);
      // the body waits, unread, for the BodyHandler that runs after the (asynchronous) checks
      ctx.request().pause();
      admit(route, ctx, ctx::next);
    });
    router.route(route.method(), path).handler(bodyHandler).handler(ctx -> withBody(route, ctx));
  }

  /** Authentication, role, then the caller's rate limit; {@code then} runs when all passed. */
  private void admit(ApiRoute route, RoutingContext ctx, Runnable then) {
    // the auth routes ignore a token: a client that attaches its expired one to every call must
    // still be able to log in and refresh
    boolean anonymous = route.isPublic()
        && (ctx.request().getHeader("Authorization") == null || ApiRoute.AUTH.equals(route.rateClass()));
    if (anonymous) {
      // no token, no future to wait for: the anonymous read goes straight to its limit
      limit(route, ctx, null, then);
      return;
    }
    auth.check(ctx, route.roles()).onComplete(ar -> {
      if (ar.succeeded()) {
        limit(route, ctx, BearerAuth.callerOf(ctx), then);
      } else if (leases == null) {
        ctx.fail(ar.cause());
      } else {
        // a refused token still costs its address a token: floods of bad tokens are limited too,
        // and the refusal carries RateLimit-* like every answer
        take(ctx, RateKeys.forIp(route.rateClass(), clientAddress(ctx)), limits.forRoute(route.rateClass(), false),
            () -> ctx.fail(ar.cause()));
      }
    });
  }

  /** The client's address for per-IP buckets: the socket's (no proxy header is trusted), an IPv6 one by its /64. */
  static String clientAddress(RoutingContext ctx) {
    return RateKeys.network(ctx.request().remoteAddress().hostAddress());
  }

  private void limit(ApiRoute route, RoutingContext ctx, Caller caller, Runnable then) {
    if (leases == null) {
      then.run();
      return;
    }
    // auth routes are limited per address whoever calls: they are where credentials are guessed
    boolean perUser = caller != null && !ApiRoute.AUTH.equals(route.rateClass());
    String key = perUser ? RateKeys.forUser(route.rateClass(), caller.userId())
        : RateKeys.forIp(route.rateClass(), clientAddress(ctx));
    take(ctx, key, limits.forRoute(route.rateClass(), perUser), then);
  }

  private void take(RoutingContext ctx, String key, RateLimit limit, Runnable then) {
    boolean strict = limit == limits.auth() || limit == limits.loginEmail();
    leases.take(key, limit, strict).onComplete(ar -> {
      // a take never fails; were it to, the request goes on as with any limiter failure
      RateDecision d = ar.succeeded() ? ar.result() : RateDecision.failOpen(limit);
      if (ctx.response().ended()) {
        return;
      }
      d.applyHeaders(ctx.response());
      if (d.allowed()) {
        then.run();
      } else {
        ctx.fail(new Failure(FailureCode.RATE_LIMITED, null, "too many requests; retry after "
            + d.retryAfterSeconds() + " s"));
      }
    });
  }

  /** Checks the request against its operation in the OpenAPI document; a failure is already sent on. */
  private boolean valid(ApiRoute route, RoutingContext ctx) {
    try {
      contract.check(RequestParts.of(ctx), route.operationId());
      return true;
    } catch (RuntimeException e) {
      ctx.fail(e);
      return false;
    }
  }

  private void withBody(ApiRoute route, RoutingContext ctx) {
    if (!valid(route, ctx)) {
      return;
    }
    Object body;
    try {
      boolean absent = ctx.body().length() <= 0;
      body = route.bodyOptional() && absent ? null : RequestBodies.read(ctx, route.bodyType(), JSON);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    if (route.accountOf() != null && leases != null) {
      String account = route.accountOf().apply(body);
      if (account != null) {
        take(ctx, RateKeys.forLoginEmail(account), limits.loginEmail(), () -> claimThenRun(route, ctx, body));
        return;
      }
    }
    claimThenRun(route, ctx, body);
  }

  private void claimThenRun(ApiRoute route, RoutingContext ctx, Object body) {
    if (!route.idempotent()) {
      run(route, ctx, body);
      return;
    }
    Caller caller = BearerAuth.callerOf(ctx);
    String key;
    try {
      key = idempotency.requireKey(ctx.request().getHeader(IdempotencyKeys.HEADER));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    String fingerprint = IdempotencyKeys.fingerprint(ctx.request().method().name(), ctx.request().path(), ctx.body().buffer());
    idempotency.begin(caller.userId(), key, fingerprint).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Claim claim = ar.result();
      if (claim instanceof Claim.Proceed owned) {
        runClaimed(route, ctx, body, owned);
      } else if (claim instanceof Claim.Replay replay) {
        replay.response().replayTo(ctx.response());
      } else if (claim instanceof Claim.InFlight inFlight) {
        ctx.fail(inFlight.failure());
      } else if (claim instanceof Claim.Mismatch mismatch) {
        ctx.fail(mismatch.failure());
      }
    });
  }

  /**
   * Runs a request that owns its key: the answer is stored before it is sent, so a repeat finds it.
   * A refusal by the service (a 4xx code: nothing was changed) releases the key, so the corrected
   * or repeated request runs. A timeout or an unknown failure keeps the claim until its lease ends:
   * the service may still have committed, and an immediate retry must not do it twice.
   */
  private void runClaimed(ApiRoute route, RoutingContext ctx, Object body, Claim.Proceed claim) {
    call(route, ctx, body).onComplete(ar -> {
      if (ar.failed()) {
        if (nothingChanged(ar.cause())) {
          idempotency.release(claim).onComplete(released -> ctx.fail(ar.cause()));
        } else {
          ctx.fail(ar.cause());
        }
        return;
      }
      Encoded reply;
      try {
        reply = Encoded.of(ar.result());
      } catch (RuntimeException e) {
        idempotency.release(claim).onComplete(released -> ctx.fail(e));
        return;
      }
      store(claim, reply, 3).onComplete(stored -> {
        if (stored.failed()) {
          log.warn("the answer to {} {} was not stored for its Idempotency-Key: {}", ctx.request().method(),
              route.path(), stored.cause().getMessage());
        }
        if (!ctx.response().ended()) {
          reply.sendTo(ctx.response());
        }
      });
    });
  }

  /** Stores the answer, trying again on a database hiccup: an unstored answer lets a retry run twice. */
  private Future<Boolean> store(Claim.Proceed claim, Encoded reply, int attempts) {
    return idempotency.complete(claim, StoredResponse.of(reply.status(), reply.headers(), reply.body()))
        .recover(e -> attempts > 1 ? store(claim, reply, attempts - 1) : Future.failedFuture(e));
  }

  private static boolean nothingChanged(Throwable failure) {
    if (!(failure instanceof Failure f)) {
      return false;
    }
    return switch (f.code()) {
      case INVALID, NOT_FOUND, CONFLICT, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED -> true;
      // UNAVAILABLE is also an open breaker or no handler (nothing ran), but a dropped database
      // connection mid-commit looks the same: keep the claim
      case UNAVAILABLE, TIMEOUT, INTERNAL -> false;
    };
  }

  private void run(ApiRoute route, RoutingContext ctx, Object body) {
    call(route, ctx, body).onComplete(ar -> {
      if (ctx.response().ended()) {
        return;  // the request timeout answered already
      }
      if (ar.succeeded()) {
        send(ctx.response(), ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private static Future<ApiReply> call(ApiRoute route, RoutingContext ctx, Object body) {
    try {
      var request = new ApiRequest(BearerAuth.callerOf(ctx), ctx.pathParams(), ctx.queryParams(),
          ctx.request().headers(), body);
      return route.handler().apply(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Writes a reply without keeping it: the read path, where nothing is stored for a repeat. */
  private static void send(HttpServerResponse response, ApiReply reply) {
    response.setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      response.putHeader(h.getKey(), h.getValue());
    }
    if (reply.bytes() != null) {
      response.putHeader("Content-Type", reply.contentType()).end(Buffer.buffer(reply.bytes()));
    } else if (reply.rawJson() != null) {
      response.putHeader("Content-Type", "application/json").end(Buffer.buffer(reply.rawJson()));
    } else if (reply.body() != null) {
      response.putHeader("Content-Type", "application/json").end(Buffer.buffer(ContractJson.toBytes(reply.body())));
    } else {
      response.end();
    }
  }

  /** A reply as it goes on the wire, kept for an Idempotency-Key. */
  private record Encoded(int status, io.vertx.core.MultiMap headers, Buffer body) {
    static Encoded of(ApiReply reply) {
      var headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
      for (Map.Entry<String, String> h : reply.headers().entrySet()) {
        headers.add(h.getKey(), h.getValue());
      }
      Buffer body;
      if (reply.bytes() != null) {
        body = Buffer.buffer(reply.bytes());
      } else if (reply.rawJson() != null) {
        body = Buffer.buffer(reply.rawJson());
      } else if (reply.body() != null) {
        body = Buffer.buffer(ContractJson.toBytes(reply.body()));
      } else {
        body = Buffer.buffer();
      }
      if (body.length() > 0) {
        headers.add("Content-Type", reply.bytes() != null ? reply.contentType() : "application/json");
      }
      return new Encoded(reply.status(), headers, body);
    }

    void sendTo(HttpServerResponse response) {
      response.setStatusCode(status).headers().addAll(headers);
      response.end(body);
    }
  }
}
