package dev.atelier.payments;

import java.util.UUID;

/** The ledger's accounts that belong to no user; V1__ledger.sql inserts the same ids. */
enum SystemAccount {
  /** Money from outside the platform: goes negative by what top-ups brought in. */
  TOPUPS("00000000-0000-0000-0000-00000000a001"),
  /** What redeemed gift cards brought into wallets: the platform's liability, negative. */
  GIFTCARDS("00000000-0000-0000-0000-00000000a002"),
  /** Held for orders in flight: the sum of the HELD holds. */
  ESCROW("00000000-0000-0000-0000-00000000a003"),
  /** Captured for confirmed orders: the sellers', to settle. */
  SALES("00000000-0000-0000-0000-00000000a004");

  private final UUID id;

  SystemAccount(String id) {
    this.id = UUID.fromString(id);
  }

  UUID id() {
    return id;
  }
}
