package dev.atelier.codecs.orders;

import java.util.regex.Pattern;

/** Limits of an order, shared by the draft and the events. */
final class OrderRules {
  private OrderRules() {}

  static final int LINES_MAX = 50;
  static final int QUANTITY_MAX = 100;
  static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
}
