package dev.atelier.codecs.payments;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The payments service's contract for discovery: PaymentsApi plus one sample of each record. */
public final class PaymentsContract implements ServiceContract {
  private static final UUID USER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final UUID ORDER = UUID.fromString("5f0c7f4e-6a1d-4c43-9f5e-2b1d6f1e8a01");
  private static final UUID HOLD = UUID.fromString("9a1f3c2e-4b5d-4e6f-8a7b-1c2d3e4f5a6b");
  private static final UUID CARD = UUID.fromString("2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d");
  private static final Instant AT = Instant.parse("2026-12-02T10:15:30.123456Z");

  @Override
  public String service() {
    return "payments";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return PaymentsApi.ADDRESSES;
  }

  @Override
  public List<Topic<?>> topics() {
    return PaymentsApi.TOPICS;
  }

  @Override
  public List<Class<?>> otherTypes() {
    return List.of(TopUpDraft.class, GiftCardDraft.class, GiftCardCode.class, LedgerEntryView.class);
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var entry = new LedgerEntryView(UUID.fromString("0b9d6c2a-1e3f-4a5b-9c8d-7e6f5a4b3c2d"), HOLD, "hold", -99_800, ORDER, AT);
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(GetWallet.class, new GetWallet(USER));
    samples.put(WalletView.class, new WalletView(150_200, 99_800, "EUR"));
    samples.put(TopUpDraft.class, new TopUpDraft(250_000L));
    samples.put(TopUp.class, new TopUp(USER, new TopUpDraft(250_000L)));
    samples.put(ListLedger.class, new ListLedger(USER, 20, null));
    samples.put(LedgerEntryView.class, entry);
    samples.put(LedgerPage.class, new LedgerPage(List.of(entry), null));
    samples.put(GiftCardDraft.class, new GiftCardDraft(5_000L, "EUR"));
    samples.put(IssueGiftCard.class, new IssueGiftCard(USER, new GiftCardDraft(5_000L, "EUR")));
    samples.put(IssuedGiftCard.class, new IssuedGiftCard(CARD, "GC-7K3Q-M9XT-2W8R-PF4D-HN6B-VJ5C-Y", 5_000, "EUR"));
    samples.put(GiftCardCode.class, new GiftCardCode("GC-7K3Q-M9XT-2W8R-PF4D-HN6B-VJ5C-Y"));
    samples.put(RedeemGiftCard.class, new RedeemGiftCard(USER, new GiftCardCode("GC-7K3Q-M9XT-2W8R-PF4D-HN6B-VJ5C-Y")));
    samples.put(PaymentHeld.class, new PaymentHeld(ORDER, HOLD, USER, 99_800, "EUR"));
    samples.put(PaymentFailed.class, new PaymentFailed(ORDER, USER, 99_800, PaymentFailed.INSUFFICIENT_FUNDS));
    samples.put(PaymentCaptured.class, new PaymentCaptured(ORDER, HOLD, USER, 99_800, "EUR"));
    samples.put(PaymentReleased.class, new PaymentReleased(ORDER, HOLD, USER, 99_800, "EUR"));
    samples.put(GiftCardIssued.class, new GiftCardIssued(CARD, USER, 5_000, "EUR"));
    samples.put(GiftCardRedeemed.class, new GiftCardRedeemed(CARD, USER, 5_000, "EUR"));
    return samples;
  }
}
