package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdempotencyKeysIT {
  private static final String ORDER = IdempotencyKeys.fingerprint("POST", "/api/orders", Buffer.buffer("{\"sku\":\"A\"}"));
  private static final String OTHER_ORDER = IdempotencyKeys.fingerprint("POST", "/api/orders", Buffer.buffer("{\"sku\":\"B\"}"));
  private static final StoredResponse CREATED = new StoredResponse(201,
      Map.of("Location", "/api/orders/42", "Content-Type", "application/json"),
      Buffer.buffer("{\"id\":42,\"status\":\"PENDING\"}"));
  private static TestDatabase db;
  private static JsonObject config;
  private static Vertx vertx;
  private static IdempotencyKeys keys;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    config = TestServers.config(db);
    vertx = Vertx.vertx();
    keys = Await.result(IdempotencyKeys.start(vertx, config));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    db.close();
  }

  private static String newKey() {
    return "key-" + UUID.randomUUID();
  }

  private static Claim.Proceed proceed(UUID user, String key, String fingerprint) {
    Claim claim = Await.result(keys.begin(user, key, fingerprint));
    assertThat(claim).isInstanceOf(Claim.Proceed.class);
    return (Claim.Proceed) claim;
  }

  /** Test-only surgery on the table: ages a row as if time had passed. */
  private static int sql(String statement, UUID user, String key) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
         PreparedStatement s = c.prepareStatement(statement)) {
      s.setObject(1, user);
      s.setString(2, key);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean rowExists(UUID user, String key) {
    return sql("UPDATE edge.idempotency_keys SET idem_key = idem_key WHERE user_id = ? AND idem_key = ?", user, key) == 1;
  }

  @Test
  @DisplayName("the first request with a key proceeds and holds it")
  void firstProceeds() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    Claim.Proceed claim = proceed(user, key, ORDER);
    assertThat(claim.userId()).isEqualTo(user);
    assertThat(claim.key()).isEqualTo(key);
  }

  @Test
  @DisplayName("a completed key replays the first response: same status, headers and body")
  void replay() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    assertThat(Await.result(keys.complete(proceed(user, key, ORDER), CREATED))).isTrue();

    Claim again = Await.result(keys.begin(user, key, ORDER));
    assertThat(again).isInstanceOf(Claim.Replay.class);
    StoredResponse replayed = ((Claim.Replay) again).response();
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.headers()).isEqualTo(Map.of("Location", "/api/orders/42", "Content-Type", "application/json"));
    assertThat(replayed.body().toString()).isEqualTo("{\"id\":42,\"status\":\"PENDING\"}");
    assertThat(replayed).isEqualTo(CREATED);
  }

  @Test
  @DisplayName("a 4xx answer is kept and replayed like a success")
  void clientErrorsAreReplayed() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    var refused = new StoredResponse(409, Map.of("Content-Type", "application/problem+json"), Buffer.buffer("{\"status\":409}"));
    Await.result(keys.complete(proceed(user, key, ORDER), refused));
    assertThat(Await.result(keys.begin(user, key, ORDER))).isEqualTo(new Claim.Replay(refused));
  }

  @Test
  @DisplayName("the same key with another request is MISMATCH, answered or still running")
  void mismatch() {
    UUID user = UUID.randomUUID();
    String running = newKey();
    proceed(user, running, ORDER);
    assertThat(Await.result(keys.begin(user, running, OTHER_ORDER))).isEqualTo(Claim.MISMATCH);

    String answered = newKey();
    Await.result(keys.complete(proceed(user, answered, ORDER), CREATED));
    assertThat(Await.result(keys.begin(user, answered, OTHER_ORDER))).isEqualTo(Claim.MISMATCH);
    assertThat(((Claim.Mismatch) Claim.MISMATCH).failure().field()).isEqualTo("Idempotency-Key");
  }

  @Test
  @DisplayName("a repeat while the first request still runs is IN_FLIGHT")
  void inFlight() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    proceed(user, key, ORDER);
    assertThat(Await.result(keys.begin(user, key, ORDER))).isEqualTo(Claim.IN_FLIGHT);
  }

  @Test
  @DisplayName("50 concurrent requests with one key: exactly one proceeds, the other 49 are in flight")
  void concurrentBeginsHaveOneWinner() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    Promise<List<Claim>> all = Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<Claim>> begins = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        begins.add(keys.begin(user, key, ORDER));
      }
      Future.all(begins).map(c -> c.<Claim>list()).onComplete(all);
    });
    List<Claim> claims = Await.result(all.future());
    assertThat(claims.stream().filter(c -> c instanceof Claim.Proceed).count()).isEqualTo(1);
    assertThat(claims.stream().filter(c -> c == Claim.IN_FLIGHT).count()).isEqualTo(49);
  }

  @Test
  @DisplayName("two users' equal keys never collide")
  void keysArePerUser() {
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    String key = newKey();
    Claim.Proceed aliceClaim = proceed(alice, key, ORDER);
    Claim.Proceed bobClaim = proceed(bob, key, OTHER_ORDER);
    var bobs = new StoredResponse(201, Map.of("Location", "/api/orders/43"), Buffer.buffer("{\"id\":43}"));
    Await.result(keys.complete(aliceClaim, CREATED));
    Await.result(keys.complete(bobClaim, bobs));

    assertThat(Await.result(keys.begin(alice, key, ORDER))).isEqualTo(new Claim.Replay(CREATED));
    assertThat(Await.result(keys.begin(bob, key, OTHER_ORDER))).isEqualTo(new Claim.Replay(bobs));
  }

  @Test
  @DisplayName("a released key proceeds again, and the released claim can no longer complete")
  void release() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    Claim.Proceed first = proceed(user, key, ORDER);
    assertThat(Await.result(keys.release(first))).isTrue();

    Claim.Proceed retry = proceed(user, key, ORDER);
    assertThat(retry.token()).isNotEqualTo(first.token());
    assertThat(Await.result(keys.complete(first, CREATED))).isFalse();
    assertThat(Await.result(keys.begin(user, key, ORDER))).isEqualTo(Claim.IN_FLIGHT);
  }

  @Test
  @DisplayName("a claim whose lease passed is taken over by a repeat; the old holder's late answer is fenced off")
  void leaseTakeover() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    Claim.Proceed dead = proceed(user, key, ORDER);
    assertThat(Await.result(keys.begin(user, key, ORDER))).isEqualTo(Claim.IN_FLIGHT);
    // its gateway died 31 s ago; the lease is 30 s
    assertThat(sql("UPDATE edge.idempotency_keys SET claimed_at = now() - interval '31 seconds' "
        + "WHERE user_id = ? AND idem_key = ?", user, key)).isEqualTo(1);
    // a different request under the key is still refused: the lease frees the key only for a retry
    assertThat(Await.result(keys.begin(user, key, OTHER_ORDER))).isEqualTo(Claim.MISMATCH);

    Claim.Proceed takeover = proceed(user, key, ORDER);
    assertThat(takeover.token()).isNotEqualTo(dead.token());
    assertThat(Await.result(keys.complete(dead, new StoredResponse(500, Map.of(), Buffer.buffer())))).isFalse();
    assertThat(Await.result(keys.release(dead))).isFalse();
    assertThat(Await.result(keys.complete(takeover, CREATED))).isTrue();
    assertThat(Await.result(keys.begin(user, key, ORDER))).isEqualTo(new Claim.Replay(CREATED));
  }

  @Test
  @DisplayName("cleanup deletes keys past their ttl and keeps fresh ones; an expired key is forgotten")
  void cleanup() {
    UUID user = UUID.randomUUID();
    String old = newKey();
    String fresh = newKey();
    Await.result(keys.complete(proceed(user, old, ORDER), CREATED));
    Await.result(keys.complete(proceed(user, fresh, ORDER), CREATED));
    sql("UPDATE edge.idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = ? AND idem_key = ?", user, old);

    assertThat(Await.result(keys.deleteExpired())).isGreaterThanOrEqualTo(1);
    assertThat(rowExists(user, old)).isFalse();
    assertThat(rowExists(user, fresh)).isTrue();
    assertThat(Await.result(keys.begin(user, old, OTHER_ORDER))).isInstanceOf(Claim.Proceed.class);
    assertThat(Await.result(keys.begin(user, fresh, ORDER))).isEqualTo(new Claim.Replay(CREATED));
  }

  @Test
  @DisplayName("an expired key not yet cleaned up is forgotten all the same: a new request proceeds")
  void expiredBeforeCleanup() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    Await.result(keys.complete(proceed(user, key, ORDER), CREATED));
    sql("UPDATE edge.idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = ? AND idem_key = ?", user, key);
    assertThat(Await.result(keys.begin(user, key, OTHER_ORDER))).isInstanceOf(Claim.Proceed.class);
  }

  @Test
  @DisplayName("the periodic cleanup deletes expired keys on its own")
  void periodicCleanup() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    Await.result(keys.complete(proceed(user, key, ORDER), CREATED));
    sql("UPDATE edge.idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = ? AND idem_key = ?", user, key);
    JsonObject fast = config.copy();
    fast.getJsonObject("idempotency").put("cleanupIntervalSeconds", 1);
    var cleanup = IdempotencyCleanup.start(vertx, new IdempotencyKeys(keysPool(), IdempotencyConfig.from(fast)));
    try {
      Await.until(Duration.ofSeconds(10), "the expired key to be deleted", () -> !rowExists(user, key));
    } finally {
      cleanup.stop();
    }
  }

  @Test
  @DisplayName("a restart forgets nothing: a new instance on a new pool replays the stored response")
  void survivesRestart() {
    UUID user = UUID.randomUUID();
    String key = newKey();
    Await.result(keys.complete(proceed(user, key, ORDER), CREATED));

    Vertx restarted = Vertx.vertx();
    try {
      IdempotencyKeys afterRestart = Await.result(IdempotencyKeys.start(restarted, config));
      assertThat(Await.result(afterRestart.begin(user, key, ORDER))).isEqualTo(new Claim.Replay(CREATED));
      assertThat(Await.result(afterRestart.begin(user, key, OTHER_ORDER))).isEqualTo(Claim.MISMATCH);
    } finally {
      Await.result(restarted.close());
    }
  }

  private static Pool keysPool() {
    return PgPools.forService(vertx, PgSettings.from(config), IdempotencyKeys.SCHEMA, 2);
  }
}
