package dev.atelier.payments;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** All SQL on giftcards, which hold a code's SHA-256, never the code. */
final class GiftCardRepository {
  record RedeemedCard(UUID id, long amountCents, String currency) {}

  private static final String INSERT = """
      INSERT INTO giftcards (id, code_hash, amount_cents, currency, issuer_id) VALUES ($1, $2, $3, $4, $5)""";
  // concurrent redemptions of one card queue on its row lock; after the first commits, the others
  // re-read redeemed_at and match nothing: exactly one wins
  private static final String REDEEM = """
      UPDATE giftcards SET redeemed_by = $2, redeemed_at = clock_timestamp()
      WHERE code_hash = $1 AND redeemed_at IS NULL RETURNING id, amount_cents, currency""";
  private static final String EXISTS = "SELECT 1 FROM giftcards WHERE code_hash = $1";

  Future<Void> insert(SqlClient tx, UUID id, byte[] codeHash, long amountCents, String currency, UUID issuerId) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(id, Buffer.buffer(codeHash), amountCents, currency, issuerId)).mapEmpty();
  }

  /** The card, now redeemed by {@code userId}; empty when no unredeemed card has this hash. */
  Future<Optional<RedeemedCard>> redeem(SqlClient tx, byte[] codeHash, UUID userId) {
    return tx.preparedQuery(REDEEM).execute(Tuple.of(Buffer.buffer(codeHash), userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new RedeemedCard(r.getUUID("id"), r.getLong("amount_cents"), r.getString("currency")));
    });
  }

  Future<Boolean> exists(SqlClient db, byte[] codeHash) {
    return db.preparedQuery(EXISTS).execute(Tuple.of(Buffer.buffer(codeHash))).map(rows -> rows.size() > 0);
  }
}
