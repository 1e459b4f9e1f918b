package dev.atelier.codecs;

import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The invariant checks records run in their compact constructors; each names the field at fault. */
public final class Checks {
  private Checks() {}

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw Failure.invalid(field, "is required");
    }
    return value;
  }

  /** Trimmed, non-blank, single-line text of at most {@code max} characters. */
  public static String text(String field, String value, int max) {
    required(field, value);
    String t = value.strip();
    if (t.isEmpty()) {
      throw Failure.invalid(field, "must not be blank");
    }
    if (t.length() > max) {
      throw Failure.invalid(field, "must be at most " + max + " characters");
    }
    return noControlCharacters(field, t, false);
  }

  /** Trimmed text of at most {@code max} characters that may span lines, or null. */
  public static String optionalText(String field, String value, int max) {
    if (value == null) {
      return null;
    }
    String t = value.strip();
    if (t.length() > max) {
      throw Failure.invalid(field, "must be at most " + max + " characters");
    }
    return noControlCharacters(field, t, true);
  }

  // PostgreSQL refuses NUL in text, and no product field has a use for control characters
  private static String noControlCharacters(String field, String value, boolean lineBreaksAllowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
        throw Failure.invalid(field, "must not contain control characters");
      }
    }
    return value;
  }

  public static long range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw Failure.invalid(field, "must be between " + min + " and " + max);
    }
    return value;
  }

  public static String matches(String field, String value, Pattern pattern, String rule) {
    required(field, value);
    if (!pattern.matcher(value).matches()) {
      throw Failure.invalid(field, rule);
    }
    return value;
  }

  /** An ISO 4217 code in upper case, e.g. EUR. */
  public static String currency(String field, String value) {
    required(field, value);
    if (!value.matches("[A-Z]{3}")) {
      throw Failure.invalid(field, "must be an ISO 4217 code such as EUR");
    }
    try {
      Currency.getInstance(value);
    } catch (IllegalArgumentException e) {
      throw Failure.invalid(field, "is not an ISO 4217 currency");
    }
    return value;
  }

  /** Distinct, trimmed, non-blank tags, in the order given. */
  public static List<String> tags(String field, List<String> tags, int maxCount, int maxLength) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > maxCount) {
      throw Failure.invalid(field, "must hold at most " + maxCount + " tags");
    }
    var distinct = new LinkedHashSet<String>();
    for (int i = 0; i < tags.size(); i++) {
      distinct.add(text(field + "[" + i + "]", tags.get(i), maxLength));
    }
    return List.copyOf(distinct);
  }
}
