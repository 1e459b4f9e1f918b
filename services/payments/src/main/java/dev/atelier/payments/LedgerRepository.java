package dev.atelier.payments;

import dev.atelier.codecs.payments.LedgerEntryView;
import dev.atelier.codecs.payments.LedgerPage;
import dev.atelier.runtime.db.PageCursor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL on postings and entries: writes a posting whole, reads a wallet's entries newest first. */
final class LedgerRepository {
  // one statement: the posting and all its entries; the deferred trigger checks the sum at commit
  private static final String POST = """
      WITH posting AS (
        INSERT INTO postings (id, kind, reference, currency) VALUES ($1, $2, $3, $4))
      INSERT INTO entries (id, posting_id, account_id, amount_cents)
      SELECT e.id, $1, e.account_id, e.amount_cents
      FROM unnest($5::uuid[], $6::uuid[], $7::bigint[]) AS e (id, account_id, amount_cents)""";
  private static final String PAGE = """
      SELECT e.id, e.posting_id, p.kind, e.amount_cents, p.reference, e.created_at
      FROM wallets w JOIN entries e ON e.account_id = w.account_id JOIN postings p ON p.id = e.posting_id
      WHERE w.user_id = $1""";
  private static final String NEWEST_FIRST = " ORDER BY e.created_at DESC, e.id DESC LIMIT $2";
  private static final String FIRST_PAGE = PAGE + NEWEST_FIRST;
  private static final String NEXT_PAGE = PAGE + " AND (e.created_at, e.id) < ($3, $4)" + NEWEST_FIRST;

  Future<Void> post(SqlClient tx, Posting p) {
    int n = p.entries().size();
    UUID[] ids = new UUID[n];
    UUID[] accounts = new UUID[n];
    Long[] amounts = new Long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = UUID.randomUUID();
      accounts[i] = p.entries().get(i).accountId();
      amounts[i] = p.entries().get(i).amountCents();
    }
    return tx.preparedQuery(POST)
        .execute(Tuple.of(p.id(), p.kind().wire(), p.reference(), p.currency(), ids, accounts, amounts))
        .mapEmpty();
  }

  /** The user's wallet entries newest first, after {@code after} (exclusive); empty without a wallet. */
  Future<LedgerPage> page(SqlClient db, UUID userId, PageCursor after, int limit) {
    // one row more than asked tells whether another page follows
    Tuple params = after == null ? Tuple.of(userId, limit + 1)
        : Tuple.of(userId, limit + 1, after.createdAt().atOffset(ZoneOffset.UTC), after.id());
    return db.preparedQuery(after == null ? FIRST_PAGE : NEXT_PAGE).execute(params).map(rows -> {
      List<LedgerEntryView> items = new ArrayList<>(Math.min(rows.size(), limit));
      PageCursor next = null;
      for (Row r : rows) {
        if (items.size() == limit) {
          break;
        }
        OffsetDateTime at = r.getOffsetDateTime("created_at");
        items.add(new LedgerEntryView(r.getUUID("id"), r.getUUID("posting_id"), r.getString("kind"),
            r.getLong("amount_cents"), r.getUUID("reference"), at.toInstant()));
        next = new PageCursor(at.toInstant(), r.getUUID("id"));
      }
      return new LedgerPage(items, rows.size() > limit ? next.encode() : null);
    });
  }
}
