package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.payments.GetWallet;
import dev.atelier.codecs.payments.GiftCardCode;
import dev.atelier.codecs.payments.GiftCardDraft;
import dev.atelier.codecs.payments.IssueGiftCard;
import dev.atelier.codecs.payments.IssuedGiftCard;
import dev.atelier.codecs.payments.LedgerEntryView;
import dev.atelier.codecs.payments.LedgerPage;
import dev.atelier.codecs.payments.ListLedger;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.codecs.payments.RedeemGiftCard;
import dev.atelier.codecs.payments.TopUp;
import dev.atelier.codecs.payments.TopUpDraft;
import dev.atelier.codecs.payments.WalletView;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Wallets, the ledger and gift cards over the event bus, on real PostgreSQL; and the SQL the schema refuses. */
class PaymentsApiIT {
  private static final String CHECK_VIOLATION = "23514";
  private static TestDatabase db;
  private static JsonObject config;
  private static Vertx vertx;
  private static Bus bus;
  private static PaymentsDb sql;

  @BeforeAll
  static void deploy() {
    db = TestServers.newDatabase();
    config = TestServers.config(db);
    vertx = Vertx.vertx();
    Codecs.install(vertx);
    Await.result(vertx.deployVerticle(PaymentsVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2)));
    bus = new Bus(vertx, Duration.ofSeconds(10));
    sql = new PaymentsDb(db);
  }

  @AfterAll
  static void undeploy() {
    for (String id : vertx.deploymentIDs()) {
      Await.result(vertx.undeploy(id));
    }
    Await.result(vertx.close());
    db.close();
  }

  @AfterEach
  void ledgerStillAddsUp() {
    sql.assertInvariantsHold();
  }

  private static WalletView topUp(UUID user, long cents) {
    return Await.result(bus.request(PaymentsApi.TOP_UP, new TopUp(user, new TopUpDraft(cents))));
  }

  private static WalletView wallet(UUID user) {
    return Await.result(bus.request(PaymentsApi.GET_WALLET, new GetWallet(user)));
  }

  private static IssuedGiftCard issue(long cents) {
    return Await.result(bus.request(PaymentsApi.ISSUE_GIFT_CARD,
        new IssueGiftCard(UUID.randomUUID(), new GiftCardDraft(cents, "EUR"))));
  }

  private static Failure failure(Future<?> f) {
    Throwable t = Await.failure(f);
    assertThat(t).isInstanceOf(Failure.class);
    return (Failure) t;
  }

  @Test
  @DisplayName("two top-ups add up in the wallet, and its ledger pages through one entry per top-up, newest first")
  void topUpsAddUp() {
    UUID user = UUID.randomUUID();

    topUp(user, 5_000);
    WalletView after = topUp(user, 2_500);

    assertThat(after).isEqualTo(new WalletView(7_500, 0, "EUR"));
    assertThat(wallet(user)).isEqualTo(after);
    LedgerPage first = Await.result(bus.request(PaymentsApi.LIST_LEDGER, new ListLedger(user, 1, null)));
    assertThat(first.items()).extracting(LedgerEntryView::amountCents).containsExactly(2_500L);
    assertThat(first.items()).extracting(LedgerEntryView::kind).containsExactly("top_up");
    assertThat(first.nextCursor()).isNotNull();
    LedgerPage second = Await.result(bus.request(PaymentsApi.LIST_LEDGER, new ListLedger(user, 1, first.nextCursor())));
    assertThat(second.items()).extracting(LedgerEntryView::amountCents).containsExactly(5_000L);
    assertThat(second.nextCursor()).isNull();
    // the other side of each posting: the money came from outside
    for (LedgerEntryView e : List.of(first.items().get(0), second.items().get(0))) {
      assertThat(sql.count("SELECT sum(amount_cents) FROM payments.entries WHERE posting_id = ? AND account_id = ?",
          e.postingId(), SystemAccount.TOPUPS.id())).isEqualTo(-e.amountCents());
    }
  }

  @Test
  @DisplayName("a user who never had money reads an empty wallet and ledger, and reading creates nothing")
  void emptyWallet() {
    UUID stranger = UUID.randomUUID();
    topUp(UUID.randomUUID(), 1_000);

    assertThat(wallet(stranger)).isEqualTo(new WalletView(0, 0, "EUR"));
    LedgerPage page = Await.result(bus.request(PaymentsApi.LIST_LEDGER, new ListLedger(stranger, 20, null)));
    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isNull();
    assertThat(sql.count("SELECT count(*) FROM payments.wallets WHERE user_id = ?", stranger)).isZero();
    assertThat(failure(bus.request(PaymentsApi.LIST_LEDGER, new ListLedger(stranger, 20, "forged"))).field()).isEqualTo("cursor");
  }

  @Test
  @DisplayName("20 concurrent redemptions of one gift card: exactly one wallet gets it, the other 19 answer CONFLICT")
  void giftCardRedeemedExactlyOnce() {
    IssuedGiftCard card = issue(5_000);
    List<UUID> users = new ArrayList<>();
    List<Future<WalletView>> redemptions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      UUID user = UUID.randomUUID();
      users.add(user);
      redemptions.add(bus.request(PaymentsApi.REDEEM_GIFT_CARD, new RedeemGiftCard(user, new GiftCardCode(card.code()))));
    }
    Await.result(Future.join(redemptions).otherwiseEmpty());

    List<UUID> winners = new ArrayList<>();
    for (int i = 0; i < redemptions.size(); i++) {
      Future<WalletView> r = redemptions.get(i);
      if (r.succeeded()) {
        winners.add(users.get(i));
        assertThat(r.result()).isEqualTo(new WalletView(5_000, 0, "EUR"));
      } else {
        assertThat(r.cause()).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.code()).isEqualTo(FailureCode.CONFLICT));
      }
    }
    assertThat(winners).hasSize(1);
    assertThat(users.stream().mapToLong(u -> wallet(u).balanceCents()).sum()).isEqualTo(5_000);
    assertThat(sql.text("SELECT redeemed_by::text FROM payments.giftcards WHERE id = ?", card.id()))
        .isEqualTo(winners.get(0).toString());
    assertThat(sql.count("SELECT count(*) FROM payments.postings WHERE reference = ? AND kind = 'gift_card'", card.id()))
        .isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM payments.outbox WHERE type = 'giftcard.redeemed' AND aggregate_id = ?",
        card.id())).isEqualTo(1);
    // typed differently, it is still the same, spent card
    String typed = card.code().toLowerCase().replace("-", " ");
    assertThat(failure(bus.request(PaymentsApi.REDEEM_GIFT_CARD, new RedeemGiftCard(UUID.randomUUID(), new GiftCardCode(typed))))
        .code()).isEqualTo(FailureCode.CONFLICT);
  }

  @Test
  @DisplayName("only the code's SHA-256 is stored; neither the table nor the event holds the code")
  void onlyTheHashIsStored() {
    IssuedGiftCard card = issue(2_000);
    String canonical = GiftCardCodes.canonical(card.code()).orElseThrow();

    assertThat(card.code()).matches("GC(-[0-9A-HJKMNP-TV-Z]{4}){6}-[0-9A-HJKMNP-TV-Z]{2}");
    assertThat(sql.text("SELECT encode(code_hash, 'hex') FROM payments.giftcards WHERE id = ?", card.id()))
        .isEqualTo(HexFormat.of().formatHex(GiftCardCodes.hash(canonical)));
    assertThat(sql.text("SELECT g::text FROM payments.giftcards g WHERE id = ?", card.id()))
        .doesNotContain(canonical).doesNotContain(card.code()).doesNotContain(canonical.toLowerCase());
    assertThat(sql.column("SELECT payload::text FROM payments.outbox WHERE aggregate_id = ?", card.id()))
        .hasSize(1).allSatisfy(payload -> assertThat(payload).doesNotContain(canonical.substring(0, 8)));
    assertThat(wallet(UUID.randomUUID()).balanceCents()).as("issuing moves no money").isZero();
  }

  @Test
  @DisplayName("an unknown code is NOT_FOUND, a malformed one INVALID; a card in another currency cannot be issued")
  void refusals() {
    UUID user = UUID.randomUUID();
    String unknown = new GiftCardCodes().generate();

    assertThat(failure(bus.request(PaymentsApi.REDEEM_GIFT_CARD, new RedeemGiftCard(user, new GiftCardCode(unknown))))
        .code()).isEqualTo(FailureCode.NOT_FOUND);
    Failure malformed = failure(bus.request(PaymentsApi.REDEEM_GIFT_CARD, new RedeemGiftCard(user, new GiftCardCode("hello"))));
    assertThat(malformed.code()).isEqualTo(FailureCode.INVALID);
    assertThat(malformed.field()).isEqualTo("code");
    Failure usd = failure(bus.request(PaymentsApi.ISSUE_GIFT_CARD,
        new IssueGiftCard(UUID.randomUUID(), new GiftCardDraft(1_000L, "USD"))));
    assertThat(usd.code()).isEqualTo(FailureCode.INVALID);
    assertThat(usd.field()).isEqualTo("currency");
    assertThat(sql.count("SELECT count(*) FROM payments.wallets WHERE user_id = ?", user)).isZero();
  }

  @Test
  @DisplayName("the database refuses a wallet below zero, an unbalanced posting and any edit of the ledger")
  void databaseKeepsTheMoneyRules() throws SQLException {
    UUID user = UUID.randomUUID();
    topUp(user, 1_000);
    String account = sql.text("SELECT account_id::text FROM payments.wallets WHERE user_id = ?", user);

    assertRefused("UPDATE payments.wallets SET balance_cents = balance_cents - 1001 WHERE user_id = ?", user);
    assertRefused("UPDATE payments.wallets SET held_cents = held_cents - 1 WHERE user_id = ?", user);
    assertRefused("UPDATE payments.entries SET amount_cents = 1000000 WHERE account_id = ?::uuid", account);
    assertRefused("DELETE FROM payments.entries WHERE account_id = ?::uuid", account);
    assertRefused("DELETE FROM payments.postings WHERE id IN (SELECT posting_id FROM payments.entries WHERE account_id = ?::uuid)",
        account);
    try (Connection c = sql.connect()) {
      c.setAutoCommit(false);
      UUID posting = UUID.randomUUID();
      PaymentsDb.prepare(c, "INSERT INTO payments.postings (id, kind, currency) VALUES (?, 'top_up', 'EUR')", posting).execute();
      PaymentsDb.prepare(c, "INSERT INTO payments.entries (id, posting_id, account_id, amount_cents) VALUES (?, ?, ?::uuid, 100)",
          UUID.randomUUID(), posting, account).execute();
      PaymentsDb.prepare(c, "INSERT INTO payments.entries (id, posting_id, account_id, amount_cents) VALUES (?, ?, ?, -99)",
          UUID.randomUUID(), posting, SystemAccount.TOPUPS.id()).execute();
      assertThatThrownBy(c::commit).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION);
        assertThat(e.getMessage()).contains("does not balance: 2 entries summing to 1");
      });
    }
    assertThat(wallet(user)).isEqualTo(new WalletView(1_000, 0, "EUR"));
  }

  @Test
  @DisplayName("the database allows only HELD -> CAPTURED and HELD -> RELEASED: no second capture, no capture after release")
  void databaseKeepsHoldsIrreversible() throws SQLException {
    // all in one transaction, rolled back: these holds move no money, and must not stay to skew the ledger
    try (Connection c = sql.connect()) {
      c.setAutoCommit(false);
      UUID captured = insertHold(c, "HELD", 1_000);
      execute(c, "UPDATE payments.holds SET status = 'CAPTURED' WHERE id = ?", captured);
      assertRefused(c, "cannot go from CAPTURED to CAPTURED", "UPDATE payments.holds SET status = 'CAPTURED' WHERE id = ?", captured);
      assertRefused(c, "cannot go from CAPTURED to RELEASED", "UPDATE payments.holds SET status = 'RELEASED' WHERE id = ?", captured);
      assertRefused(c, "cannot go from CAPTURED to HELD", "UPDATE payments.holds SET status = 'HELD' WHERE id = ?", captured);

      UUID released = insertHold(c, "HELD", 1_000);
      execute(c, "UPDATE payments.holds SET status = 'RELEASED' WHERE id = ?", released);
      assertRefused(c, "cannot go from RELEASED to CAPTURED", "UPDATE payments.holds SET status = 'CAPTURED' WHERE id = ?", released);

      UUID failed = insertHold(c, "FAILED", 1_000);
      assertRefused(c, "cannot go from FAILED to HELD", "UPDATE payments.holds SET status = 'HELD' WHERE id = ?", failed);
      assertRefused(c, "cannot go from FAILED to CAPTURED", "UPDATE payments.holds SET status = 'CAPTURED' WHERE id = ?", failed);

      UUID held = insertHold(c, "HELD", 1_000);
      assertRefused(c, "cannot go from HELD to HELD", "UPDATE payments.holds SET amount_cents = 1 WHERE id = ?", held);
      assertRefused(c, "only its status moves", "UPDATE payments.holds SET status = 'CAPTURED', amount_cents = 1 WHERE id = ?", held);
      assertRefused(c, "cannot be deleted", "DELETE FROM payments.holds WHERE id = ?", held);
      assertRefused(c, "not CAPTURED", "INSERT INTO payments.holds (id, order_id, customer_id, amount_cents, currency, status) "
          + "VALUES (?, gen_random_uuid(), gen_random_uuid(), 5, 'EUR', 'CAPTURED')", UUID.randomUUID());
      assertRefused(c, "not RELEASED of 5", "INSERT INTO payments.holds (id, order_id, customer_id, amount_cents, currency, status) "
          + "VALUES (?, gen_random_uuid(), gen_random_uuid(), 5, 'EUR', 'RELEASED')", UUID.randomUUID());
      c.rollback();
    }
  }

  @Test
  @DisplayName("the database refuses a second redemption of a card, whoever writes the SQL")
  void databaseRedeemsOnce() throws SQLException {
    IssuedGiftCard card = issue(1_000);
    UUID first = UUID.randomUUID();
    Await.result(bus.request(PaymentsApi.REDEEM_GIFT_CARD, new RedeemGiftCard(first, new GiftCardCode(card.code()))));

    assertRefused("UPDATE payments.giftcards SET redeemed_by = gen_random_uuid(), redeemed_at = now() WHERE id = ?", card.id());
    assertRefused("UPDATE payments.giftcards SET redeemed_by = NULL, redeemed_at = NULL WHERE id = ?", card.id());
    assertThat(sql.text("SELECT redeemed_by::text FROM payments.giftcards WHERE id = ?", card.id())).isEqualTo(first.toString());
  }

  // ---- raw SQL

  private static void assertRefused(String statement, Object... args) throws SQLException {
    try (Connection c = sql.connect()) {
      assertThatThrownBy(() -> PaymentsDb.prepare(c, statement, args).execute()).as(statement)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION));
    }
  }

  /** Inside {@code c}'s transaction: refused with {@code message}, and the transaction carries on (a savepoint). */
  private static void assertRefused(Connection c, String message, String statement, Object... args) throws SQLException {
    Savepoint before = c.setSavepoint();
    assertThatThrownBy(() -> PaymentsDb.prepare(c, statement, args).execute()).as(statement)
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION);
          assertThat(e.getMessage()).contains(message);
        });
    c.rollback(before);
  }

  private static UUID insertHold(Connection c, String status, long cents) throws SQLException {
    UUID id = UUID.randomUUID();
    execute(c, "INSERT INTO payments.holds (id, order_id, customer_id, amount_cents, currency, status) "
        + "VALUES (?, ?, ?, ?, 'EUR', ?)", id, UUID.randomUUID(), UUID.randomUUID(), cents, status);
    return id;
  }

  private static void execute(Connection c, String statement, Object... args) throws SQLException {
    PaymentsDb.prepare(c, statement, args).execute();
  }
}
