package dev.atelier.payments;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * One movement of money on the ledger: a set of entries that sum to zero, written in one
 * transaction. An unbalanced set cannot be built; the database checks the same at commit.
 */
record Posting(UUID id, Kind kind, UUID reference, String currency, List<Entry> entries) {
  /** What moved the money; {@code wire} is the ledger's {@code postings.kind} and the API's entry kind. */
  enum Kind {
    TOP_UP, GIFT_CARD, HOLD, CAPTURE, RELEASE;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind fromWire(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  /** Positive adds to the account's balance, negative takes from it; never zero. */
  record Entry(UUID accountId, long amountCents) {
    Entry {
      Objects.requireNonNull(accountId, "accountId");
      if (amountCents == 0) {
        throw new IllegalArgumentException("an entry moves money: amount must not be 0");
      }
    }
  }

  Posting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    entries = List.copyOf(entries);
    if (entries.size() < 2) {
      throw new IllegalArgumentException("a posting has at least two entries, got " + entries.size());
    }
    long sum = 0;
    for (Entry e : entries) {
      sum = Math.addExact(sum, e.amountCents());
    }
    if (sum != 0) {
      throw new IllegalArgumentException("a posting must balance: its entries sum to " + sum);
    }
  }

  /** {@code amountCents} (more than 0) from one account to another. */
  static Posting transfer(Kind kind, UUID reference, String currency, UUID from, UUID to, long amountCents) {
    if (amountCents <= 0) {
      throw new IllegalArgumentException("a transfer moves more than 0, not " + amountCents);
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("a transfer goes between two accounts, not to " + from + " itself");
    }
    return new Posting(UUID.randomUUID(), kind, reference, currency,
        List.of(new Entry(from, Math.negateExact(amountCents)), new Entry(to, amountCents)));
  }
}
