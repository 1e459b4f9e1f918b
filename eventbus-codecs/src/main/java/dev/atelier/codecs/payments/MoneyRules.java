package dev.atelier.codecs.payments;

/** Limits on amounts moved in one go. */
final class MoneyRules {
  private MoneyRules() {}

  /** One top-up or gift card: at most 100,000.00 in major units. */
  static final long AMOUNT_MAX_CENTS = 10_000_000L;
}
