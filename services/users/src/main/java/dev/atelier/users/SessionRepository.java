package dev.atelier.users;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code sessions} and {@code refresh_tokens}. Tokens are found by their SHA-256 only. */
final class SessionRepository {
  private static final String OPEN = "INSERT INTO sessions (id, user_id) VALUES ($1, $2)";
  private static final String ADD_TOKEN = "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)";
  // one statement marks the token used only if it is live: of two concurrent refreshes one wins
  private static final String ROTATE = """
      UPDATE refresh_tokens t SET used_at = clock_timestamp()
      FROM sessions s
      WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > clock_timestamp()
        AND s.id = t.session_id AND s.revoked_at IS NULL
      RETURNING t.session_id, s.user_id""";
  private static final String TOKEN = "SELECT session_id, used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = $1";
  private static final String REVOKE = "UPDATE sessions SET revoked_at = clock_timestamp() WHERE id = $1 AND revoked_at IS NULL";
  private static final String REVOKE_OWN = """
      UPDATE sessions SET revoked_at = clock_timestamp() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL""";
  private static final String REVOKE_OWN_BY_TOKEN = """
      UPDATE sessions s SET revoked_at = clock_timestamp()
      FROM refresh_tokens t
      WHERE t.token_hash = $1 AND s.id = t.session_id AND s.user_id = $2 AND s.revoked_at IS NULL
      RETURNING s.id""";
  private static final String REVOKED_SINCE = "SELECT id FROM sessions WHERE revoked_at > $1";

  /** The session a live refresh token belonged to, now that the token is spent. */
  record Rotation(UUID sessionId, UUID userId) {}

  /** A stored token's session, and whether it was already exchanged. */
  record TokenState(UUID sessionId, boolean used) {}

  Future<Void> open(SqlClient tx, UUID sessionId, UUID userId) {
    return tx.preparedQuery(OPEN).execute(Tuple.of(sessionId, userId)).mapEmpty();
  }

  Future<Void> addToken(SqlClient tx, byte[] tokenHash, UUID sessionId, Instant expiresAt) {
    return tx.preparedQuery(ADD_TOKEN)
        .execute(Tuple.of(Buffer.buffer(tokenHash), sessionId, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** Spends a live token (unused, unexpired, session not revoked); empty when it is not one. */
  Future<Optional<Rotation>> rotate(SqlClient tx, byte[] tokenHash) {
    return tx.preparedQuery(ROTATE).execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Rotation(r.getUUID("session_id"), r.getUUID("user_id")));
    });
  }

  Future<Optional<TokenState>> find(SqlClient db, byte[] tokenHash) {
    return db.preparedQuery(TOKEN).execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new TokenState(r.getUUID("session_id"), r.getBoolean("used")));
    });
  }

  /** Revokes a whole session: every refresh token of its family stops working. */
  Future<Integer> revoke(SqlClient db, UUID sessionId) {
    return db.preparedQuery(REVOKE).execute(Tuple.of(sessionId)).map(rows -> rows.rowCount());
  }

  /** Revokes a session of this user; another user's session is left alone. */
  Future<Integer> revokeOwn(SqlClient db, UUID sessionId, UUID userId) {
    return db.preparedQuery(REVOKE_OWN).execute(Tuple.of(sessionId, userId)).map(rows -> rows.rowCount());
  }

  /** Revokes the session a refresh token belongs to, if it is this user's; the session revoked, if any. */
  Future<java.util.List<UUID>> revokeOwnByToken(SqlClient db, byte[] tokenHash, UUID userId) {
    return db.preparedQuery(REVOKE_OWN_BY_TOKEN).execute(Tuple.of(Buffer.buffer(tokenHash), userId))
        .map(rows -> { var ids = new java.util.ArrayList<UUID>(); rows.forEach(r -> ids.add(r.getUUID("id"))); return ids; });
  }

  /** Sessions revoked after {@code since}: what a gateway that just started must refuse. */
  Future<java.util.List<UUID>> revokedSince(SqlClient db, java.time.Instant since) {
    return db.preparedQuery(REVOKED_SINCE).execute(Tuple.of(since.atOffset(java.time.ZoneOffset.UTC)))
        .map(rows -> { var ids = new java.util.ArrayList<UUID>(); rows.forEach(r -> ids.add(r.getUUID("id"))); return ids; });
  }
}
