package dev.atelier.gateway.edge;

import dev.atelier.codecs.Failure;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgFailures;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * {@code Idempotency-Key} as API.md defines it, kept in PostgreSQL (schema {@code edge}) so a
 * restart forgets nothing: per user, the first request with a key runs and its answer is stored;
 * the same key with the same request replays that answer; with another request it is refused (422);
 * while the first still runs, a repeat is refused (409). A claim whose gateway died blocks repeats
 * only for {@code leaseSeconds}.
 * <p>Failures: UNAVAILABLE when the database cannot be reached; INVALID for a malformed key.
 */
public final class IdempotencyKeys {
  public static final String HEADER = "Idempotency-Key";
  public static final String SCHEMA = "edge";
  // a row deleted between a failed claim and the look-up (released, expired) means: claim again
  private static final int CLAIM_ATTEMPTS = 3;

  private final Pool pool;
  private final IdempotencyConfig config;
  private final IdempotencyRepository repository = new IdempotencyRepository();

  public IdempotencyKeys(Pool pool, IdempotencyConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Migrates schema {@code edge} and opens its pool; completes when keys can be used. */
  public static Future<IdempotencyKeys> start(Vertx vertx, JsonObject root) {
    var config = IdempotencyConfig.from(root);
    PgSettings pg = PgSettings.from(root);
    return Migrations.run(vertx, pg, SCHEMA)
        .map(migrated -> new IdempotencyKeys(PgPools.forService(vertx, pg, SCHEMA, config.poolSize()), config));
  }

  public IdempotencyConfig config() {
    return config;
  }

  /**
   * The key from the header's value. Missing: 400 naming the header (HttpStatusFailure); not 1 to
   * maxKeyLength visible ASCII characters: INVALID on field {@code Idempotency-Key}.
   */
  public String requireKey(String headerValue) {
    if (headerValue == null) {
      throw new HttpStatusFailure(400, HEADER + " header is required on this route");
    }
    return validKey(headerValue, config.maxKeyLength());
  }

  /** {@code key} when it is 1 to {@code maxLength} visible ASCII characters (no spaces), else INVALID. */
  public static String validKey(String key, int maxLength) {
    if (key.isEmpty() || key.length() > maxLength) {
      throw Failure.invalid(HEADER, "must be 1 to " + maxLength + " characters long");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw Failure.invalid(HEADER, "must be visible ASCII characters only (no spaces)");
      }
    }
    return key;
  }

  /**
   * What makes two requests "the same": SHA-256 (hex) of method, path and body bytes. Give the
   * request's path, not its route template: one key on two resources is two different requests.
   */
  public static String fingerprint(String method, String path, Buffer body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(method.getBytes(StandardCharsets.US_ASCII));
      // a separator no method or path contains, so ("GET", "/a" + "b") and ("GET", "/a", "b") differ
      sha.update((byte) 0);
      sha.update(path.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (body != null) {
        sha.update(body.getBytes());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Claims {@code key} for this request, or says why not: {@link Claim.Replay}, {@link Claim.InFlight}, {@link Claim.Mismatch}. */
  public Future<Claim> begin(UUID userId, String key, String fingerprint) {
    try {
      validKey(key, config.maxKeyLength());
    } catch (Failure invalid) {
      return Future.failedFuture(invalid);
    }
    return begin(userId, key, fingerprint, 1).recover(PgFailures::translate);
  }

  private Future<Claim> begin(UUID userId, String key, String fingerprint, int attempt) {
    UUID token = UUID.randomUUID();
    return repository.claim(pool, userId, key, fingerprint, token, config.ttl(), config.lease()).compose(claimed -> {
      if (claimed != null) {
        return Future.succeededFuture(new Claim.Proceed(userId, key, claimed));
      }
      return repository.find(pool, userId, key).compose(row -> {
        if (row == null) {
          return attempt < CLAIM_ATTEMPTS ? begin(userId, key, fingerprint, attempt + 1)
              // the row keeps vanishing under us: someone is working the key; let the client retry
              : Future.succeededFuture(Claim.IN_FLIGHT);
        }
        return Future.succeededFuture(seen(row, fingerprint));
      });
    });
  }

  private static Claim seen(IdempotencyRepository.KeyRow row, String fingerprint) {
    // another request under this key is refused whether or not the first has answered yet
    if (!row.fingerprint().equals(fingerprint)) {
      return Claim.MISMATCH;
    }
    return row.inFlight() ? Claim.IN_FLIGHT : new Claim.Replay(row.response());
  }

  /**
   * Stores the answer of the request that holds {@code claim}, to replay for {@code ttlHours}.
   * False when the claim was lost (its lease passed and another request took the key over).
   */
  public Future<Boolean> complete(Claim.Proceed claim, StoredResponse response) {
    return repository.complete(pool, claim.userId(), claim.key(), claim.token(), response, config.ttl())
        .recover(PgFailures::translate);
  }

  /** Gives the key up, so a retry runs the request again; false when the claim was already lost. */
  public Future<Boolean> release(Claim.Proceed claim) {
    return repository.release(pool, claim.userId(), claim.key(), claim.token()).recover(PgFailures::translate);
  }

  /** Deletes expired keys, batch after batch until none is left; the number deleted. */
  public Future<Integer> deleteExpired() {
    return deleteExpired(0);
  }

  private Future<Integer> deleteExpired(int deletedSoFar) {
    return repository.deleteExpired(pool, config.cleanupBatchSize()).compose(n -> n < config.cleanupBatchSize()
        ? Future.succeededFuture(deletedSoFar + n)
        : deleteExpired(deletedSoFar + n));
  }

  public Future<Void> close() {
    return pool.close();
  }
}
