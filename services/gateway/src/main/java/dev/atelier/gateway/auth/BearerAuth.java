package dev.atelier.gateway.auth;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.gateway.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies {@code Authorization: Bearer <jwt>} with vertx-auth-jwt and checks the role. A missing,
 * malformed or bad token is 401 (with WWW-Authenticate); a valid token of the wrong role is 403.
 * Until the users issue lands, tokens are HS256 signed with the configured dev secret.
 */
public final class BearerAuth {
  private final JWTAuth jwt;

  public BearerAuth(JWTAuth jwt) {
    this.jwt = jwt;
  }

  public static JWTAuth provider(Vertx vertx, GatewayConfig config) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.jwtSecret()))
        .setJWTOptions(new JWTOptions().setIssuer(config.issuer()).setAudience(List.of(config.audience()))));
  }

  public Handler<RoutingContext> require(Role first, Role... more) {
    Set<Role> allowed = EnumSet.of(first, more);
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
        ctx.fail(new Failure(FailureCode.UNAUTHORIZED, null, "a bearer access token is required"));
        return;
      }
      jwt.authenticate(new TokenCredentials(header.substring(7).strip())).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(new Failure(FailureCode.UNAUTHORIZED, null, "the access token is invalid or expired"));
          return;
        }
        Caller caller = caller(ar.result().attributes().getJsonObject("accessToken"));
        if (caller == null) {
          ctx.fail(new Failure(FailureCode.UNAUTHORIZED, null, "the access token lacks sub, role or exp"));
        } else if (!allowed.contains(caller.role())) {
          ctx.fail(Failure.forbidden("this route is for " + String.join(" or ", allowed.stream().map(Role::claim).toList())));
        } else {
          caller.attachTo(ctx);
          ctx.next();
        }
      });
    };
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
