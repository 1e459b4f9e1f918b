package dev.atelier.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An opaque refresh token: 32 random bytes, base64url. Only its SHA-256 is stored; the token is a
 * random 256-bit value, so a fast hash is enough (no salt or stretching needed). toString hides it.
 */
record RefreshToken(String value, byte[] hash) {
  private static final SecureRandom RANDOM = new SecureRandom();

  static RefreshToken generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new RefreshToken(value, hashOf(value));
  }

  static byte[] hashOf(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "RefreshToken[***]";
  }
}
