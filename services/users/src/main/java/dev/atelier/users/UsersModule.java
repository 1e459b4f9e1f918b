package dev.atelier.users;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.users.GetUser;
import dev.atelier.codecs.users.Login;
import dev.atelier.codecs.users.Logout;
import dev.atelier.codecs.users.LogoutRequest;
import dev.atelier.codecs.users.RefreshSession;
import dev.atelier.codecs.users.RegisterUser;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.auth.SigningKeys;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import dev.atelier.runtime.http.Caller;
import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.RouteContext;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The users service as a node sees it: its verticle, and the auth and account routes the gateway serves. */
public final class UsersModule implements ServiceModule {
  @Override
  public String name() {
    return UsersVerticle.SERVICE;
  }

  @Override
  public NodeRole role() {
    return NodeRole.SERVICES;
  }

  @Override
  public Deployable newVerticle() {
    return new UsersVerticle();
  }

  @Override
  public String outboxSchema() {
    return UsersVerticle.SERVICE;
  }

  @Override
  public String openApiFragment() {
    return "openapi/users.yaml";
  }

  @Override
  public List<ApiRoute> routes(RouteContext ctx) {
    Downstream services = ctx.services();
    AuthConfig auth = AuthConfig.from(ctx.config());
    byte[] jwks = SigningKeys.resolve(auth).jwks().getBytes(StandardCharsets.UTF_8);
    return List.of(
        ApiRoute.post("/api/auth/register", "registerUser").body(RegisterUser.class).rateClass(ApiRoute.AUTH)
            .handle(req -> services.call(UsersApi.REGISTER, req.body(RegisterUser.class))
                .map(user -> ApiReply.status(201, user))),
        ApiRoute.post("/api/auth/login", "login").limitPerAccount(Login.class, Login::email).rateClass(ApiRoute.AUTH)
            .handle(req -> services.call(UsersApi.LOGIN, req.body(Login.class)).map(UsersModule::tokens)),
        ApiRoute.post("/api/auth/refresh", "refreshSession").body(RefreshSession.class).rateClass(ApiRoute.AUTH)
            .handle(req -> services.call(UsersApi.REFRESH, req.body(RefreshSession.class)).map(UsersModule::tokens)),
        ApiRoute.post("/api/auth/logout", "logout").authenticated().optionalBody(LogoutRequest.class)
            .handle(req -> logout(req, services)),
        ApiRoute.get("/api/users/me", "getMe").authenticated()
            .handle(req -> services.call(UsersApi.GET_USER, new GetUser(req.caller().userId())).map(ApiReply::ok)),
        ApiRoute.get("/.well-known/jwks.json", "getJwks")
            .handle(req -> Future.succeededFuture(ApiReply.rawJson(200, jwks)
                // keys change only with a rotation and a restart
                .header("Cache-Control", "public, max-age=300"))));
  }

  // token replies must never sit in a shared cache (RFC 6749 5.1)
  private static ApiReply tokens(Object body) {
    return ApiReply.ok(body).header("Cache-Control", "no-store");
  }

  /** Ends the session of the caller's own token ({@code sid}), and the refresh token in the body when one is given. */
  private static Future<ApiReply> logout(ApiRequest req, Downstream services) {
    Caller caller = req.caller();
    LogoutRequest body = req.optionalBody(LogoutRequest.class);
    return services.call(UsersApi.LOGOUT, new Logout(caller.userId(), caller.sessionId(), body == null ? null : body.refreshToken()))
        .map(done -> ApiReply.noContent());
  }
}
