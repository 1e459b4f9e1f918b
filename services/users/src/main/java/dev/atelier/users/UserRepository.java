package dev.atelier.users;

import dev.atelier.codecs.users.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code users}. Methods take a SqlClient, so the caller picks the pool or a transaction. */
final class UserRepository {
  // ON CONFLICT DO NOTHING, not catching 23505: an error would abort the transaction the outbox row shares
  private static final String INSERT = """
      INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT DO NOTHING
      RETURNING created_at""";
  private static final String COLUMNS = "id, email, name, role, password_hash, created_at";
  // lower() on both sides, as the unique index has it: Java's and the collation's case rules differ beyond ASCII
  private static final String BY_EMAIL = "SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower($1)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = $1";
  private static final String ANY_ADMIN = "SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')";
  private static final String NEW_HASH = "UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3";
  // one admin bootstrap at a time across instances and nodes; released when the transaction ends
  private static final String LOCK_ADMIN_BOOTSTRAP = "SELECT pg_advisory_xact_lock(hashtext('users.admin.bootstrap'))";

  /** The stored user, or empty when the email (in any case) is taken. */
  Future<Optional<User>> insert(SqlClient db, User user) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(user.id(), user.email(), user.name(), user.role().claim(), user.passwordHash()))
        .map(rows -> rows.rowCount() == 0 ? Optional.empty()
            : Optional.of(user.stored(rows.iterator().next().getOffsetDateTime("created_at").toInstant())));
  }

  Future<Optional<User>> findByEmail(SqlClient db, String email) {
    return db.preparedQuery(BY_EMAIL).execute(Tuple.of(User.emailKey(email))).map(UserRepository::first);
  }

  Future<Optional<User>> findById(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(UserRepository::first);
  }

  Future<Boolean> adminExists(SqlClient db) {
    return db.query(ANY_ADMIN).execute().map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<Void> lockAdminBootstrap(SqlClient tx) {
    return tx.query(LOCK_ADMIN_BOOTSTRAP).execute().mapEmpty();
  }

  /** Replaces the hash only if it is still the one that was checked (a password change wins). */
  Future<Void> replaceHash(SqlClient db, UUID id, String oldHash, String newHash) {
    return db.preparedQuery(NEW_HASH).execute(Tuple.of(id, newHash, oldHash)).mapEmpty();
  }

  private static Optional<User> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    OffsetDateTime created = r.getOffsetDateTime("created_at");
    return Optional.of(new User(r.getUUID("id"), r.getString("email"), r.getString("name"),
        Role.fromClaim(r.getString("role")), r.getString("password_hash"), created.toInstant()));
  }
}
