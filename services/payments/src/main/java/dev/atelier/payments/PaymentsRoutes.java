package dev.atelier.payments;

import dev.atelier.codecs.payments.GetWallet;
import dev.atelier.codecs.payments.GiftCardCode;
import dev.atelier.codecs.payments.GiftCardDraft;
import dev.atelier.codecs.payments.IssueGiftCard;
import dev.atelier.codecs.payments.ListLedger;
import dev.atelier.codecs.payments.PaymentsApi;
import dev.atelier.codecs.payments.RedeemGiftCard;
import dev.atelier.codecs.payments.TopUp;
import dev.atelier.codecs.payments.TopUpDraft;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Future;
import java.util.List;

/**
 * /api/wallet and /api/giftcards: payments' rows of the gateway's route table. The wallet is always
 * the caller's own (the user id comes from the token, never from the request), and every route
 * that moves money takes an Idempotency-Key.
 */
final class PaymentsRoutes {
  private final Downstream services;

  PaymentsRoutes(Downstream services) {
    this.services = services;
  }

  List<ApiRoute> table() {
    return List.of(
        ApiRoute.get("/api/wallet", "getWallet").authenticated().handle(this::wallet),
        ApiRoute.post("/api/wallet/top-ups", "topUpWallet").authenticated().body(TopUpDraft.class).idempotent()
            .handle(this::topUp),
        ApiRoute.get("/api/wallet/ledger", "listLedger").authenticated().handle(this::ledger),
        ApiRoute.post("/api/giftcards", "issueGiftCard").roles(Role.MERCHANT, Role.ADMIN).body(GiftCardDraft.class)
            .idempotent().handle(this::issue),
        ApiRoute.post("/api/giftcards/redeem", "redeemGiftCard").authenticated().body(GiftCardCode.class).idempotent()
            .handle(this::redeem));
  }

  private Future<ApiReply> wallet(ApiRequest req) {
    return services.call(PaymentsApi.GET_WALLET, new GetWallet(req.caller().userId())).map(ApiReply::ok);
  }

  private Future<ApiReply> topUp(ApiRequest req) {
    var command = new TopUp(req.caller().userId(), req.body(TopUpDraft.class));
    return services.call(PaymentsApi.TOP_UP, command).map(wallet -> ApiReply.status(201, wallet));
  }

  private Future<ApiReply> ledger(ApiRequest req) {
    var query = new ListLedger(req.caller().userId(),
        req.queryInt("limit", ListLedger.DEFAULT_LIMIT, 1, ListLedger.MAX_LIMIT), req.query("cursor"));
    return services.call(PaymentsApi.LIST_LEDGER, query).map(ApiReply::ok);
  }

  private Future<ApiReply> issue(ApiRequest req) {
    var command = new IssueGiftCard(req.caller().userId(), req.body(GiftCardDraft.class));
    return services.call(PaymentsApi.ISSUE_GIFT_CARD, command)
        // the only answer that ever shows the code: no cache may keep it
        .map(card -> ApiReply.status(201, card).header("Cache-Control", "no-store"));
  }

  private Future<ApiReply> redeem(ApiRequest req) {
    var command = new RedeemGiftCard(req.caller().userId(), req.body(GiftCardCode.class));
    return services.call(PaymentsApi.REDEEM_GIFT_CARD, command).map(ApiReply::ok);
  }
}
