package dev.atelier.users;

import dev.atelier.codecs.users.UserRegistered;
import dev.atelier.codecs.users.UserView;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the admin account from {@code admin.email}/{@code admin.password} when both are set and
 * no admin exists. Idempotent across instances, nodes and restarts: an advisory lock serialises the
 * check and the insert.
 */
final class AdminBootstrap {
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
  private final Pool pool;
  private final WorkerExecutor crypto;
  private final PasswordHasher hasher;
  private final UserRepository users;
  private final Outbox outbox;

  AdminBootstrap(Pool pool, WorkerExecutor crypto, PasswordHasher hasher, UserRepository users, Outbox outbox) {
    this.pool = pool;
    this.crypto = crypto;
    this.hasher = hasher;
    this.users = users;
    this.outbox = outbox;
  }

  Future<Void> ensure(UsersConfig config) {
    if (!config.hasAdmin()) {
      return Future.succeededFuture();
    }
    // the cheap check first, so restarts do not pay for an Argon2 hash
    return users.adminExists(pool).compose(exists -> exists ? Future.succeededFuture()
        : crypto.executeBlocking(() -> hasher.hash(config.adminPassword()), false)
            .compose(hash -> create(User.admin(UUID.randomUUID(), config.adminEmail(), hash))));
  }

  private Future<Void> create(User admin) {
    return pool.withTransaction(tx -> users.lockAdminBootstrap(tx)
        .compose(locked -> users.adminExists(tx))
        .compose(exists -> exists ? Future.succeededFuture(Boolean.FALSE)
            : users.insert(tx, admin).compose(stored -> {
                if (stored.isEmpty()) {
                  log.warn("admin.email belongs to an existing account; no admin was created");
                  return Future.succeededFuture(Boolean.FALSE);
                }
                UserView view = stored.get().view();
                return outbox.append(tx, UsersApi.USER_REGISTERED, view.id(), UserRegistered.of(view)).map(Boolean.TRUE);
              })))
        .map(created -> {
          if (created) {
            log.info("created the admin account {} from configuration", admin.id());
          }
          return null;
        });
  }
}
