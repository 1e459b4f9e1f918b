package dev.atelier.codecs.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry on the caller's wallet account: positive adds to the balance, negative takes from it.
 * {@code kind} says what moved it (top_up, gift_card, hold, release); {@code reference} the order or
 * gift card it belongs to, if any.
 */
public record LedgerEntryView(UUID id, UUID postingId, String kind, long amountCents,
                              @JsonInclude(JsonInclude.Include.ALWAYS) UUID reference, Instant createdAt) {}
