package dev.atelier.codecs.payments;

import java.util.UUID;

/** giftcard.issued: a gift card exists (its code is never in an event). */
public record GiftCardIssued(UUID giftCardId, UUID issuerId, long amountCents, String currency) {}
