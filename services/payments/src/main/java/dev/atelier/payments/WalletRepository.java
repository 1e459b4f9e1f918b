package dev.atelier.payments;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL on accounts and wallets. Every change of a balance here goes with a posting on the
 * wallet's account in the same transaction (the caller's); {@code balance_cents >= 0} and
 * {@code held_cents >= 0} are the table's, so no path can take a wallet below zero.
 */
final class WalletRepository {
  private static final String COLUMNS = "account_id, balance_cents, held_cents, currency";
  // a concurrent first top-up of the same user waits on the account's unique key, then does nothing
  private static final String ENSURE = """
      WITH account AS (
        INSERT INTO accounts (id, kind, user_id) VALUES ($2, 'wallet', $1)
        ON CONFLICT (user_id) DO NOTHING RETURNING id)
      INSERT INTO wallets (user_id, account_id, currency) SELECT $1, id, $3 FROM account""";
  private static final String FIND = "SELECT " + COLUMNS + " FROM wallets WHERE user_id = $1";
  private static final String CREDIT = """
      UPDATE wallets SET balance_cents = balance_cents + $2, updated_at = clock_timestamp()
      WHERE user_id = $1 RETURNING\s""" + COLUMNS;
  // the row lock orders concurrent holds on one wallet; each sees the balance the previous one left
  private static final String HOLD = """
      UPDATE wallets SET balance_cents = balance_cents - $2, held_cents = held_cents + $2,
        updated_at = clock_timestamp()
      WHERE user_id = $1 AND currency = $3 AND balance_cents >= $2 RETURNING\s""" + COLUMNS;
  private static final String CAPTURE = """
      UPDATE wallets SET held_cents = held_cents - $2, updated_at = clock_timestamp()
      WHERE user_id = $1 RETURNING\s""" + COLUMNS;
  private static final String RELEASE = """
      UPDATE wallets SET balance_cents = balance_cents + $2, held_cents = held_cents - $2,
        updated_at = clock_timestamp()
      WHERE user_id = $1 RETURNING\s""" + COLUMNS;

  /** Makes the user's wallet (empty, in {@code currency}) and its account if it has none yet. */
  Future<Void> ensure(SqlClient tx, UUID userId, String currency) {
    return tx.preparedQuery(ENSURE).execute(Tuple.of(userId, UUID.randomUUID(), currency)).mapEmpty();
  }

  Future<Optional<Wallet>> find(SqlClient db, UUID userId) {
    return db.preparedQuery(FIND).execute(Tuple.of(userId)).map(WalletRepository::first);
  }

  /** Adds to the balance of an existing wallet. */
  Future<Wallet> credit(SqlClient tx, UUID userId, long amountCents) {
    return tx.preparedQuery(CREDIT).execute(Tuple.of(userId, amountCents)).map(WalletRepository::existing);
  }

  /** Moves {@code amountCents} from balance to held, or empty when the balance (in that currency) is short. */
  Future<Optional<Wallet>> hold(SqlClient tx, UUID userId, long amountCents, String currency) {
    return tx.preparedQuery(HOLD).execute(Tuple.of(userId, amountCents, currency)).map(WalletRepository::first);
  }

  /** The held amount leaves the wallet (to the seller). */
  Future<Wallet> capture(SqlClient tx, UUID userId, long amountCents) {
    return tx.preparedQuery(CAPTURE).execute(Tuple.of(userId, amountCents)).map(WalletRepository::existing);
  }

  /** The held amount goes back to the balance. */
  Future<Wallet> release(SqlClient tx, UUID userId, long amountCents) {
    return tx.preparedQuery(RELEASE).execute(Tuple.of(userId, amountCents)).map(WalletRepository::existing);
  }

  private static Optional<Wallet> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    return Optional.of(new Wallet(r.getUUID("account_id"), r.getLong("balance_cents"), r.getLong("held_cents"),
        r.getString("currency")));
  }

  private static Wallet existing(RowSet<Row> rows) {
    // callers ensure the wallet (or hold on it) first in the same transaction
    return first(rows).orElseThrow(() -> new IllegalStateException("the wallet vanished inside its transaction"));
  }
}
