package dev.atelier.users;

import dev.atelier.codecs.platform.Identity;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.runtime.auth.AccessTokens;
import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The users service: migrates its schema, makes the configured admin, then serves UsersApi. */
public final class UsersVerticle extends VerticleBase {
  public static final String SERVICE = "users";
  private Pool pool;
  private WorkerExecutor crypto;

  @Override
  public Future<?> start() {
    var config = UsersConfig.from(config());
    var auth = AuthConfig.from(config());
    var pg = PgSettings.from(config());
    var bus = Bus.of(vertx, config());
    var hasher = new PasswordHasher(config.argon2());
    // shared by name: every instance on the node hashes on the same bounded pool
    crypto = vertx.createSharedWorkerExecutor(SERVICE + "-crypto", config.hashWorkers(), 30, TimeUnit.SECONDS);
    var users = new UserRepository();
    var outbox = new Outbox();
    // key files are read (or made, without the launcher) on a worker: an RSA key takes a second to make
    Future<AccessTokens> tokens = crypto.executeBlocking(() -> AccessTokens.of(auth), false);
    Future<String> dummyHash = crypto.executeBlocking(() -> hasher.hash(UUID.randomUUID().toString()), false);
    return Future.all(Migrations.runService(vertx, pg, SERVICE), tokens, dummyHash).compose(ready -> {
      pool = PgPools.forService(vertx, pg, SERVICE, config.poolSize());
      var handlers = new UsersHandlers(pool, bus, crypto, config.maxPendingHashes(), hasher, dummyHash.result(), tokens.result(), auth, users,
          new SessionRepository(), outbox);
      return new AdminBootstrap(pool, crypto, hasher, users, outbox).ensure(config).compose(admin -> Future.all(List.of(
          bus.serve(UsersApi.REGISTER, handlers::register),
          bus.serve(Identity.LIST_REVOKED_SESSIONS, handlers::listRevokedSessions),
          bus.serve(UsersApi.LOGIN, handlers::login),
          bus.serve(UsersApi.REFRESH, handlers::refresh),
          bus.serve(UsersApi.LOGOUT, handlers::logout),
          bus.serve(UsersApi.GET_USER, handlers::getUser),
          bus.serveReadiness(SERVICE, () -> pool.query("SELECT 1").execute().map(rows -> (String) null)))));
    });
  }

  @Override
  public Future<?> stop() {
    if (crypto != null) {
      crypto.close();
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
