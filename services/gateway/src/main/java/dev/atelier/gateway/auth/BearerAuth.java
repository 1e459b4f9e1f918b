package dev.atelier.gateway.auth;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.users.Role;
import dev.atelier.gateway.GatewayConfig;
import dev.atelier.runtime.http.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies {@code Authorization: Bearer <jwt>}. A missing, malformed or bad token is 401 (with
 * WWW-Authenticate); a valid token of the wrong role is 403. The verified caller is kept on the
 * routing context for the route's handler.
 */
public final class BearerAuth {
  private static final String CALLER = "atelier.caller";
  private final JWTAuth jwt;

  public BearerAuth(JWTAuth jwt) {
    this.jwt = jwt;
  }

  public static JWTAuth provider(Vertx vertx, GatewayConfig config) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.jwtSecret()))
        .setJWTOptions(new JWTOptions().setIssuer(config.issuer()).setAudience(List.of(config.audience()))));
  }

  /** The caller a guard attached, or null on a public route called without a token. */
  public static Caller callerOf(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /**
   * Checks the token and the role, attaching the caller; {@code allowed} empty means a public
   * route, which takes no token or a valid one (a bad one is still 401: it is a client bug).
   */
  public Future<Void> check(RoutingContext ctx, Set<Role> allowed) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      return allowed.isEmpty() ? Future.succeededFuture()
          : Future.failedFuture(new Failure(FailureCode.UNAUTHORIZED, null, "a bearer access token is required"));
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
      return Future.failedFuture(new Failure(FailureCode.UNAUTHORIZED, null, "the Authorization header must read 'Bearer <token>'"));
    }
    return jwt.authenticate(new TokenCredentials(header.substring(7).strip())).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new Failure(FailureCode.UNAUTHORIZED, null, "the access token is invalid or expired"));
      }
      Caller caller = caller(ar.result().attributes().getJsonObject("accessToken"));
      if (caller == null) {
        return Future.failedFuture(new Failure(FailureCode.UNAUTHORIZED, null, "the access token lacks sub, role or exp"));
      }
      if (!allowed.isEmpty() && !allowed.contains(caller.role())) {
        return Future.failedFuture(Failure.forbidden("this route is for "
            + String.join(" or ", allowed.stream().map(Role::claim).sorted().toList())));
      }
      ctx.put(CALLER, caller);
      return Future.succeededFuture();
    });
  }

  private static Caller caller(JsonObject claims) {
    if (claims == null || !(claims.getValue("exp") instanceof Number)) {
      return null;
    }
    Role role = Role.fromClaim(claims.getString("role"));
    try {
      UUID sub = UUID.fromString(claims.getString("sub", ""));
      return role == null ? null : new Caller(sub, role);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
