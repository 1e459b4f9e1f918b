package dev.atelier.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Gift card codes: 26 symbols of Crockford base32 drawn from a SecureRandom (130 random bits, far
 * beyond guessing), shown as {@code GC-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XX}. What a customer types is
 * normalised (case, dashes and spaces do not matter; O reads as 0, I and L as 1, as Crockford
 * decodes them) and only the SHA-256 of the normalised code is stored. A plain hash is enough: with
 * 130 random bits there is nothing to try, so a slow password hash would only cost time.
 */
final class GiftCardCodes {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final int SYMBOLS = 26;
  static final int RANDOM_BITS = SYMBOLS * 5;
  private static final String PREFIX = "GC";
  private static final int GROUP = 4;

  private final SecureRandom random;

  GiftCardCodes(SecureRandom random) {
    this.random = random;
  }

  GiftCardCodes() {
    this(new SecureRandom());
  }

  /** A new code, as shown to the issuer once. */
  String generate() {
    var symbols = new StringBuilder(SYMBOLS);
    for (int i = 0; i < SYMBOLS; i++) {
      symbols.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return format(symbols.toString());
  }

  /** {@code GC-} and the symbols in groups of four. */
  static String format(String canonical) {
    var shown = new StringBuilder(PREFIX);
    for (int i = 0; i < canonical.length(); i += GROUP) {
      shown.append('-').append(canonical, i, Math.min(i + GROUP, canonical.length()));
    }
    return shown.toString();
  }

  /** The 26 symbols a typed code stands for, or empty when it cannot be a code at all. */
  static Optional<String> canonical(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    var symbols = new StringBuilder(SYMBOLS + PREFIX.length());
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c == '-' || Character.isWhitespace(c)) {
        continue;
      }
      c = String.valueOf(c).toUpperCase(Locale.ROOT).charAt(0);
      symbols.append(c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c);
    }
    String s = symbols.toString();
    if (s.length() == SYMBOLS + PREFIX.length() && s.startsWith(PREFIX)) {
      s = s.substring(PREFIX.length());
    }
    if (s.length() != SYMBOLS) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(s);
  }

  /** What is stored and looked up: the SHA-256 of the canonical symbols. */
  static byte[] hash(String canonical) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
