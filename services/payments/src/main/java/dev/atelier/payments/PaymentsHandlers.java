package dev.atelier.payments;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.payments.GetWallet;
import dev.atelier.codecs.payments.GiftCardIssued;
import dev.atelier.codecs.payments.GiftCardRedeemed;
import dev.atelier.codecs.payments.IssueGiftCard;
import dev.atelier.codecs.payments.IssuedGiftCard;
import dev.atelier.codecs.payments.LedgerPage;
import dev.atelier.codecs.payments.ListLedger;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.codecs.payments.RedeemGiftCard;
import dev.atelier.codecs.payments.TopUp;
import dev.atelier.codecs.payments.WalletView;
import dev.atelier.runtime.db.PageCursor;
import dev.atelier.runtime.db.PgFailures;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One method per PaymentsApi address. Every movement of money is one transaction: the wallet row,
 * the posting and its event commit together. A retried request is the gateway's business
 * (Idempotency-Key on every money route). Logs name users and cards, never a code.
 */
final class PaymentsHandlers {
  private static final Logger log = LoggerFactory.getLogger(PaymentsHandlers.class);

  private final Pool pool;
  private final PaymentsConfig config;
  private final WalletRepository wallets;
  private final LedgerRepository ledger;
  private final GiftCardRepository giftCards;
  private final GiftCardCodes codes;
  private final Outbox outbox;

  PaymentsHandlers(Pool pool, PaymentsConfig config, WalletRepository wallets, LedgerRepository ledger,
                   GiftCardRepository giftCards, GiftCardCodes codes, Outbox outbox) {
    this.pool = pool;
    this.config = config;
    this.wallets = wallets;
    this.ledger = ledger;
    this.giftCards = giftCards;
    this.codes = codes;
    this.outbox = outbox;
  }

  /** A user who never had money reads an empty wallet; nothing is created by reading. */
  Future<WalletView> getWallet(GetWallet q) {
    return wallets.find(pool, q.userId())
        .map(found -> found.map(Wallet::view).orElseGet(() -> new WalletView(0, 0, config.currency())))
        .recover(PgFailures::translate);
  }

  /** Money from outside into the caller's wallet: topups -> wallet. */
  Future<WalletView> topUp(TopUp t) {
    long amount = t.draft().amountCents();
    return pool.withTransaction(tx -> wallets.ensure(tx, t.userId(), config.currency())
            .compose(v -> wallets.credit(tx, t.userId(), amount))
            .compose(w -> ledger.post(tx, Posting.transfer(Posting.Kind.TOP_UP, null, w.currency(),
                SystemAccount.TOPUPS.id(), w.accountId(), amount)).map(w)))
        .map(Wallet::view)
        .recover(PgFailures::translate);
  }

  Future<LedgerPage> listLedger(ListLedger q) {
    PageCursor after = PageCursor.decode(q.cursor());
    return ledger.page(pool, q.userId(), after, q.limit()).recover(PgFailures::translate);
  }

  /**
   * A new card in the wallets' currency. No money moves now: the card is a promise, and its
   * redemption posts giftcards -> wallet. The code leaves only in this answer.
   */
  Future<IssuedGiftCard> issueGiftCard(IssueGiftCard c) {
    String currency = c.draft().currency();
    if (!currency.equals(config.currency())) {
      return Future.failedFuture(Failure.invalid("currency", "must be " + config.currency() + ", the wallets' currency"));
    }
    long amount = c.draft().amountCents();
    UUID id = UUID.randomUUID();
    String code = codes.generate();
    byte[] hash = GiftCardCodes.hash(GiftCardCodes.canonical(code).orElseThrow());
    return pool.withTransaction(tx -> giftCards.insert(tx, id, hash, amount, currency, c.issuerId())
            .compose(v -> outbox.append(tx, PaymentsApi.GIFTCARD_ISSUED, id,
                new GiftCardIssued(id, c.issuerId(), amount, currency))))
        .map(v -> {
          log.info("gift card {} of {} {} issued by {}", id, amount, currency, c.issuerId());
          return new IssuedGiftCard(id, code, amount, currency);
        })
        .recover(PgFailures::translate);
  }

  /** Exactly once per card: NOT_FOUND for a code no card has, CONFLICT once it was redeemed (by anyone). */
  Future<WalletView> redeemGiftCard(RedeemGiftCard r) {
    Optional<String> canonical = GiftCardCodes.canonical(r.code().code());
    if (canonical.isEmpty()) {
      return Future.failedFuture(Failure.invalid("code", "is not a gift card code"));
    }
    byte[] hash = GiftCardCodes.hash(canonical.get());
    return pool.withTransaction(tx -> giftCards.redeem(tx, hash, r.userId())
            .compose(card -> card.isPresent() ? credit(tx, r.userId(), card.get()) : notRedeemable(tx, hash)))
        .map(Wallet::view)
        .recover(PgFailures::translate);
  }

  private Future<Wallet> credit(SqlConnection tx, UUID userId, GiftCardRepository.RedeemedCard card) {
    return wallets.ensure(tx, userId, config.currency())
        .compose(v -> wallets.credit(tx, userId, card.amountCents()))
        .compose(w -> {
          if (!w.currency().equals(card.currency())) {
            // rolls the redemption back: the card stays good for a wallet in its currency
            return Future.failedFuture(Failure.conflict("this gift card is in " + card.currency()
                + ", the wallet in " + w.currency()));
          }
          return ledger.post(tx, Posting.transfer(Posting.Kind.GIFT_CARD, card.id(), card.currency(),
                  SystemAccount.GIFTCARDS.id(), w.accountId(), card.amountCents()))
              .compose(v -> outbox.append(tx, PaymentsApi.GIFTCARD_REDEEMED, card.id(),
                  new GiftCardRedeemed(card.id(), userId, card.amountCents(), card.currency())))
              .map(v -> {
                log.info("gift card {} redeemed into the wallet of {}", card.id(), userId);
                return w;
              });
        });
  }

  private Future<Wallet> notRedeemable(SqlConnection tx, byte[] hash) {
    return giftCards.exists(tx, hash).compose(exists -> Future.failedFuture(exists
        ? Failure.conflict("this gift card has already been redeemed")
        : Failure.notFound("no gift card has this code")));
  }
}
