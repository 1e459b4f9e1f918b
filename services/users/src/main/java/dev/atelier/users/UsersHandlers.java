package dev.atelier.users;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.users.GetUser;
import dev.atelier.codecs.users.LoggedOut;
import dev.atelier.codecs.users.Login;
import dev.atelier.codecs.users.Logout;
import dev.atelier.codecs.users.RefreshSession;
import dev.atelier.codecs.users.RegisterUser;
import dev.atelier.codecs.users.SessionTokens;
import dev.atelier.codecs.users.UserRegistered;
import dev.atelier.codecs.users.UserView;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.runtime.auth.AccessToken;
import dev.atelier.runtime.auth.AccessTokens;
import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.db.PgFailures;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.platform.Identity;
import dev.atelier.codecs.platform.ListRevokedSessions;
import dev.atelier.codecs.platform.SessionsRevoked;
import dev.atelier.runtime.bus.Bus;
import java.util.ArrayList;
import java.util.List;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One method per UsersApi address. Argon2 and token signing run on the bounded {@code crypto}
 * worker pool; SQL runs on the pool. Logs name users and sessions, never a password, token or hash.
 */
final class UsersHandlers {
  private static final Logger log = LoggerFactory.getLogger(UsersHandlers.class);
  private static final String BAD_CREDENTIALS = "wrong email or password";
  private static final String BAD_REFRESH = "the refresh token is invalid, expired or revoked";

  private final Pool pool;
  private final WorkerExecutor crypto;
  private final Bus bus;
  private final int maxPendingCrypto;
  private final AtomicInteger pendingCrypto = new AtomicInteger();
  private final PasswordHasher hasher;
  private final String dummyHash;
  private final AccessTokens tokens;
  private final AuthConfig auth;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final Outbox outbox;

  /** {@code dummyHash}: checked for unknown emails, so they cost what a wrong password costs. */
  UsersHandlers(Pool pool, Bus bus, WorkerExecutor crypto, int maxPendingCrypto, PasswordHasher hasher, String dummyHash,
                AccessTokens tokens, AuthConfig auth, UserRepository users, SessionRepository sessions, Outbox outbox) {
    this.pool = pool;
    this.bus = bus;
    this.crypto = crypto;
    this.maxPendingCrypto = maxPendingCrypto;
    this.hasher = hasher;
    this.dummyHash = dummyHash;
    this.tokens = tokens;
    this.auth = auth;
    this.users = users;
    this.sessions = sessions;
    this.outbox = outbox;
  }

  Future<UserView> register(RegisterUser r) {
    UUID id = UUID.randomUUID();
    return onWorker(() -> hasher.hash(r.password()))
        .compose(hash -> store(User.registered(id, r, hash)))
        .compose(stored -> stored.isPresent() ? Future.succeededFuture(stored.get())
            : Future.failedFuture(Failure.conflict("an account with this email exists")));
  }

  /** The user and its user.registered event in one transaction; empty when the email is taken. */
  Future<Optional<UserView>> store(User user) {
    return pool.withTransaction(tx -> users.insert(tx, user).compose(stored -> {
          if (stored.isEmpty()) {
            return Future.succeededFuture(Optional.<UserView>empty());
          }
          UserView view = stored.get().view();
          return outbox.append(tx, UsersApi.USER_REGISTERED, view.id(), UserRegistered.of(view)).map(Optional.of(view));
        }))
        .recover(PgFailures::translate);
  }

  Future<SessionTokens> login(Login q) {
    return users.findByEmail(pool, q.email()).recover(PgFailures::translate)
        .compose(found -> onWorker(() -> {
          // an unknown email checks the dummy hash: the same work, the same answer
          boolean matches = hasher.verify(q.password(), found.map(User::passwordHash).orElse(dummyHash));
          return matches && found.isPresent();
        }).compose(ok -> ok ? Future.succeededFuture(found.get())
            : Future.failedFuture(Failure.unauthorized(BAD_CREDENTIALS))))
        .compose(user -> rehashIfOutdated(user, q.password()).compose(v -> openSession(user)));
  }

  private Future<SessionTokens> openSession(User user) {
    UUID sessionId = UUID.randomUUID();
    RefreshToken refresh = RefreshToken.generate();
    return onWorker(() -> tokens.issue(user.id(), user.role(), sessionId))
        .compose(access -> pool.withTransaction(tx -> sessions.open(tx, sessionId, user.id())
                .compose(v -> sessions.addToken(tx, refresh.hash(), sessionId, refreshExpiry())))
            .recover(PgFailures::translate)
            .map(v -> tokensOf(access, refresh)));
  }

  /**
   * Spends the presented token and signs the next pair in one transaction: when signing is refused
   * (the crypto queue is full) or fails, the rotation rolls back and the same token still works, so
   * a client's retry is not mistaken for a replay that would end its session.
   */
  Future<SessionTokens> refresh(RefreshSession q) {
    byte[] presented = RefreshToken.hashOf(q.refreshToken());
    RefreshToken next = RefreshToken.generate();
    return pool.withTransaction(tx -> sessions.rotate(tx, presented).compose(rotation -> rotation.isEmpty()
            ? Future.succeededFuture(Optional.<SessionTokens>empty())
            : users.findById(tx, rotation.get().userId()).compose(user -> {
                if (user.isEmpty()) {
                  return Future.succeededFuture(Optional.<SessionTokens>empty());
                }
                UUID sessionId = rotation.get().sessionId();
                return sessions.addToken(tx, next.hash(), sessionId, refreshExpiry())
                    .compose(v -> onWorker(() -> tokens.issue(user.get().id(), user.get().role(), sessionId)))
                    .map(access -> Optional.of(tokensOf(access, next)));
              })))
        .recover(PgFailures::translate)
        .compose(issued -> issued.isPresent() ? Future.succeededFuture(issued.get()) : refused(presented));
  }

  /** A token that did not rotate; if it was spent before, someone replays it: end its whole session. */
  private Future<SessionTokens> refused(byte[] presented) {
    return sessions.find(pool, presented).compose(state -> {
      if (state.isPresent() && state.get().used()) {
        return sessions.revoke(pool, state.get().sessionId()).map(revoked -> {
          if (revoked > 0) {
            log.warn("a spent refresh token of session {} was presented again: session revoked", state.get().sessionId());
            announceRevoked(List.of(state.get().sessionId()));
          }
          return revoked;
        }).mapEmpty();
      }
      return Future.succeededFuture();
    }).recover(PgFailures::translate)
        .compose(v -> Future.failedFuture(Failure.unauthorized(BAD_REFRESH)));
  }

  Future<LoggedOut> logout(Logout l) {
    var ended = new ArrayList<UUID>();
    return pool.withTransaction(tx -> sessions.revokeOwn(tx, l.sessionId(), l.userId())
            .compose(own -> {
              if (own > 0) {
                ended.add(l.sessionId());
              }
              return l.refreshToken() == null ? Future.succeededFuture()
                  : sessions.revokeOwnByToken(tx, RefreshToken.hashOf(l.refreshToken()), l.userId()).map(ended::addAll);
            }))
        .recover(PgFailures::translate)
        // after commit: the edge stops accepting the sessions' access tokens too
        .map(v -> {
          announceRevoked(ended);
          return new LoggedOut(l.userId(), ended.size());
        });
  }

  /** The sessions revoked since {@code q.since()}, for a gateway that was not listening. */
  Future<SessionsRevoked> listRevokedSessions(ListRevokedSessions q) {
    return sessions.revokedSince(pool, q.since()).recover(PgFailures::translate)
        .map(ids -> new SessionsRevoked(ids, Instant.now()));
  }

  private void announceRevoked(List<UUID> sessionIds) {
    if (!sessionIds.isEmpty()) {
      bus.publish(Identity.SESSIONS_REVOKED, new SessionsRevoked(sessionIds, Instant.now()));
    }
  }

  Future<UserView> getUser(GetUser q) {
    return users.findById(pool, q.userId()).recover(PgFailures::translate)
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get().view())
            : Future.failedFuture(Failure.notFound("user " + q.userId() + " does not exist")));
  }

  /** After a cost change, a successful login upgrades the stored hash; a failure only costs the upgrade. */
  private Future<Void> rehashIfOutdated(User user, String password) {
    if (!hasher.needsRehash(user.passwordHash())) {
      return Future.succeededFuture();
    }
    return onWorker(() -> hasher.hash(password))
        .compose(newHash -> users.replaceHash(pool, user.id(), user.passwordHash(), newHash))
        .recover(e -> {
          log.warn("could not upgrade the password hash of user {}: {}", user.id(), e.getMessage());
          return Future.succeededFuture();
        });
  }

  private SessionTokens tokensOf(AccessToken access, RefreshToken refresh) {
    return SessionTokens.bearer(access.value(), refresh.value(), tokens.lifetimeSeconds());
  }

  private Instant refreshExpiry() {
    return Instant.now().plus(auth.refreshTokenLifetime());
  }

  /**
   * Runs hashing or signing on the crypto pool, refusing at once (429) when {@code maxPendingCrypto}
   * are already waiting: an unbounded queue under a login flood made every caller wait past the bus
   * timeout, hashed for callers who had gone, and opened the users breaker for everyone.
   */
  private <T> Future<T> onWorker(java.util.concurrent.Callable<T> work) {
    if (pendingCrypto.incrementAndGet() > maxPendingCrypto) {
      pendingCrypto.decrementAndGet();
      return Future.failedFuture(new Failure(FailureCode.RATE_LIMITED, null,
          "too many sign-ins are being checked right now; retry in a moment"));
    }
    return crypto.executeBlocking(work, false).andThen(done -> pendingCrypto.decrementAndGet());
  }
}
