package dev.atelier.payments;

import dev.atelier.codecs.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Where a page of ledger entries ends: the (created_at, id) of its last entry, an opaque token to clients. */
record LedgerCursor(Instant createdAt, UUID id) {
  String encode() {
    String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Null for the first page; INVALID naming {@code cursor} for anything we did not hand out. */
  static LedgerCursor decode(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
      return new LedgerCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw Failure.invalid("cursor", "is not a cursor this API returned");
    }
  }
}
