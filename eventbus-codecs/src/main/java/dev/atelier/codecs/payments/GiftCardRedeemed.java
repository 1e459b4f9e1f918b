package dev.atelier.codecs.payments;

import java.util.UUID;

/** giftcard.redeemed: a gift card's value moved into a wallet, once. */
public record GiftCardRedeemed(UUID giftCardId, UUID userId, long amountCents, String currency) {}
