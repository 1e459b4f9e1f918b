package dev.atelier.gateway.auth;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.auth.AccessTokenVerifier;
import dev.atelier.runtime.auth.TokenRejected;
import dev.atelier.runtime.auth.VerifiedToken;
import dev.atelier.runtime.http.Caller;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code Authorization: Bearer <access token>} with the strict {@link AccessTokenVerifier}
 * (algorithm pinned, typ, iss, aud, exp required, nbf, known kid). A missing, malformed or bad
 * token is 401 (with WWW-Authenticate); a valid token of the wrong role is 403. The verified caller
 * is kept on the routing context for the route's handler. Verification runs on the event loop: an
 * RS256 check costs about 50 µs, so a token verified lately is remembered until it expires.
 */
public final class BearerAuth {
  private static final Logger log = LoggerFactory.getLogger(BearerAuth.class);
  private static final String CALLER = "atelier.caller";
  private static final int REMEMBERED_TOKENS = 10_000;
  private final AccessTokenVerifier verifier;
  private final VerifiedTokens recent = new VerifiedTokens(REMEMBERED_TOKENS, Clock.systemUTC());

  public BearerAuth(AccessTokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** The caller a check attached, or null on a public route called without a token. */
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
          : Future.failedFuture(Failure.unauthorized("a bearer access token is required"));
    }
    if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(Failure.unauthorized("the Authorization header must read 'Bearer <token>'"));
    }
    String token = header.substring(7).strip();
    VerifiedToken verified = recent.get(token);
    if (verified == null) {
      try {
        verified = verifier.verify(token);
      } catch (TokenRejected e) {
        // the reason helps whoever debugs a client; the token itself is never logged
        log.debug("access token refused: {}", e.reason());
        return Future.failedFuture(Failure.unauthorized("the access token is invalid or expired"));
      }
      recent.put(token, verified);
    }
    Caller caller = verified.caller();
    if (!allowed.isEmpty() && !allowed.contains(caller.role())) {
      return Future.failedFuture(Failure.forbidden("this route is for "
          + String.join(" or ", allowed.stream().map(Role::claim).sorted().toList())));
    }
    ctx.put(CALLER, caller);
    return Future.succeededFuture();
  }
}
