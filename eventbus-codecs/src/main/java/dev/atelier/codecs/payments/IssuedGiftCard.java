package dev.atelier.codecs.payments;

import java.util.UUID;

/** A new gift card with its code, shown only in this answer (only a hash of it is stored). */
public record IssuedGiftCard(UUID id, String code, long amountCents, String currency) {}
