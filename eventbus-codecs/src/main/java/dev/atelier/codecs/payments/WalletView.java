package dev.atelier.codecs.payments;

/** A wallet: what can be spent, what is held for orders in flight, in the wallets' one currency. */
public record WalletView(long balanceCents, long heldCents, String currency) {}
