package dev.atelier.payments;

import dev.atelier.codecs.payments.WalletView;
import java.util.UUID;

/** A user's wallet as stored: its ledger account, what can be spent, what is held for orders in flight. */
record Wallet(UUID accountId, long balanceCents, long heldCents, String currency) {
  WalletView view() {
    return new WalletView(balanceCents, heldCents, currency);
  }
}
