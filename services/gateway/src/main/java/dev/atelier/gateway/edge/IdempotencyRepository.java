package dev.atelier.gateway.edge;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** All SQL on {@code edge.idempotency_keys}. Every time is the database's {@code now()}: one clock for all gateways. */
final class IdempotencyRepository {
  /** A key's row as a repeat sees it; {@code response} is null while in flight. */
  record KeyRow(String fingerprint, StoredResponse response) {
    boolean inFlight() {
      return response == null;
    }
  }

  // ON CONFLICT, never catching 23505: a unique violation aborts the transaction it happens in.
  // DO UPDATE ... WHERE takes a row over in the same atomic step when its key has expired (ttl) or
  // its holder died (lease passed, same request); otherwise no row is returned and nothing changes.
  // Waiters on a concurrent insert see its committed row, so of N racing claims exactly one wins.
  private static final String CLAIM = """
      INSERT INTO idempotency_keys AS k (user_id, idem_key, fingerprint, state, claim_token, claimed_at, expires_at)
      VALUES ($1, $2, $3, 'in_flight', $4, now(), now() + make_interval(secs => $5))
      ON CONFLICT (user_id, idem_key) DO UPDATE
        SET fingerprint = EXCLUDED.fingerprint, state = 'in_flight', claim_token = EXCLUDED.claim_token,
            claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at,
            status = NULL, headers = NULL, body = NULL
        WHERE k.expires_at <= now()
           OR (k.state = 'in_flight' AND k.fingerprint = EXCLUDED.fingerprint
               AND k.claimed_at <= now() - make_interval(secs => $6))
      RETURNING claim_token""";
  private static final String FIND = """
      SELECT fingerprint, state, status, headers, body FROM idempotency_keys
      WHERE user_id = $1 AND idem_key = $2 AND expires_at > now()""";
  // the token fences a holder whose lease passed: its late answer must not overwrite the new holder's
  private static final String COMPLETE = """
      UPDATE idempotency_keys
      SET state = 'done', status = $4, headers = $5, body = $6, expires_at = now() + make_interval(secs => $7)
      WHERE user_id = $1 AND idem_key = $2 AND claim_token = $3 AND state = 'in_flight'""";
  private static final String RELEASE = """
      DELETE FROM idempotency_keys
      WHERE user_id = $1 AND idem_key = $2 AND claim_token = $3 AND state = 'in_flight'""";
  // a bounded batch, and SKIP LOCKED so gateways cleaning at once, or a claim taking a row over,
  // never wait on each other; FOR UPDATE re-checks expires_at on a row a takeover just renewed
  private static final String DELETE_EXPIRED = """
      DELETE FROM idempotency_keys k
      USING (SELECT user_id, idem_key FROM idempotency_keys WHERE expires_at <= now()
             ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED) old
      WHERE k.user_id = old.user_id AND k.idem_key = old.idem_key""";

  /** The new claim's token, or null when the key is taken (in flight, answered, or used for another request). */
  Future<UUID> claim(SqlClient db, UUID userId, String key, String fingerprint, UUID token, Duration ttl, Duration lease) {
    return db.preparedQuery(CLAIM)
        .execute(Tuple.of(userId, key, fingerprint, token, seconds(ttl), seconds(lease)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("claim_token"));
  }

  /** The live row of a key, or null when there is none (released or expired since the claim failed). */
  Future<KeyRow> find(SqlClient db, UUID userId, String key) {
    return db.preparedQuery(FIND).execute(Tuple.of(userId, key))
        .map(rows -> rows.size() == 0 ? null : toKeyRow(rows.iterator().next()));
  }

  /** True if the claim was still {@code token}'s and now holds the response. */
  Future<Boolean> complete(SqlClient db, UUID userId, String key, UUID token, StoredResponse response, Duration ttl) {
    var headers = new JsonObject();
    response.headers().forEach(headers::put);
    return db.preparedQuery(COMPLETE)
        .execute(Tuple.of(userId, key, token, response.status(), headers, response.body(), seconds(ttl)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** True if the claim was still {@code token}'s and is gone. */
  Future<Boolean> release(SqlClient db, UUID userId, String key, UUID token) {
    return db.preparedQuery(RELEASE).execute(Tuple.of(userId, key, token)).map(rows -> rows.rowCount() == 1);
  }

  /** How many expired rows one batch deleted. */
  Future<Integer> deleteExpired(SqlClient db, int batchSize) {
    return db.preparedQuery(DELETE_EXPIRED).execute(Tuple.of((long) batchSize)).map(rows -> rows.rowCount());
  }

  private static KeyRow toKeyRow(Row row) {
    if ("in_flight".equals(row.getString("state"))) {
      return new KeyRow(row.getString("fingerprint"), null);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    row.getJsonObject("headers").forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    return new KeyRow(row.getString("fingerprint"),
        new StoredResponse(row.getInteger("status"), headers, row.getBuffer("body")));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
