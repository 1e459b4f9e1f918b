package dev.atelier.codecs.catalog;

import java.util.regex.Pattern;

/** Limits shared by drafts and patches, so a product that can be created can also be edited. */
final class ProductRules {
  private ProductRules() {}

  static final int NAME_MAX = 200;
  static final int DESCRIPTION_MAX = 10_000;
  static final long PRICE_MAX_CENTS = 10_000_000_000L;
  static final long STOCK_MAX = 1_000_000_000L;
  static final int TAGS_MAX = 20;
  static final int TAG_LENGTH_MAX = 50;
  static final int VARIANTS_MAX = 100;
  static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
}
