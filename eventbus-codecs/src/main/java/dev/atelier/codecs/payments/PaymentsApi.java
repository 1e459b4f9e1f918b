package dev.atelier.codecs.payments;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Topic;
import java.util.List;

/** What the payments service serves and emits. */
public final class PaymentsApi {
  private PaymentsApi() {}

  /** UNAVAILABLE. A user without a wallet reads an empty one. */
  public static final Address<GetWallet, WalletView> GET_WALLET =
      Address.of("payments.wallet.get", GetWallet.class, WalletView.class);
  /** INVALID, UNAVAILABLE. */
  public static final Address<TopUp, WalletView> TOP_UP =
      Address.of("payments.wallet.topUp", TopUp.class, WalletView.class);
  /** INVALID (a bad cursor), UNAVAILABLE. The caller's own entries, newest first. */
  public static final Address<ListLedger, LedgerPage> LIST_LEDGER =
      Address.of("payments.ledger.list", ListLedger.class, LedgerPage.class);
  /** INVALID (another currency than the wallets'), UNAVAILABLE. The code is shown once, here. */
  public static final Address<IssueGiftCard, IssuedGiftCard> ISSUE_GIFT_CARD =
      Address.of("payments.giftCard.issue", IssueGiftCard.class, IssuedGiftCard.class);
  /** NOT_FOUND (no such code), CONFLICT (already redeemed), UNAVAILABLE. */
  public static final Address<RedeemGiftCard, WalletView> REDEEM_GIFT_CARD =
      Address.of("payments.giftCard.redeem", RedeemGiftCard.class, WalletView.class);

  public static final Topic<PaymentHeld> PAYMENT_HELD = Topic.of("payment.held", PaymentHeld.class);
  public static final Topic<PaymentFailed> PAYMENT_FAILED = Topic.of("payment.failed", PaymentFailed.class);
  public static final Topic<PaymentCaptured> PAYMENT_CAPTURED = Topic.of("payment.captured", PaymentCaptured.class);
  public static final Topic<PaymentReleased> PAYMENT_RELEASED = Topic.of("payment.released", PaymentReleased.class);
  public static final Topic<GiftCardIssued> GIFTCARD_ISSUED = Topic.of("giftcard.issued", GiftCardIssued.class);
  public static final Topic<GiftCardRedeemed> GIFTCARD_REDEEMED = Topic.of("giftcard.redeemed", GiftCardRedeemed.class);

  public static final List<Address<?, ?>> ADDRESSES = List.of(GET_WALLET, TOP_UP, LIST_LEDGER, ISSUE_GIFT_CARD, REDEEM_GIFT_CARD);
  public static final List<Topic<?>> TOPICS = List.of(PAYMENT_HELD, PAYMENT_FAILED, PAYMENT_CAPTURED, PAYMENT_RELEASED,
      GIFTCARD_ISSUED, GIFTCARD_REDEEMED);
}
