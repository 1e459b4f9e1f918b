package dev.atelier.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}).
 * Every method burns tens of milliseconds of CPU: call them on the bounded worker pool, never on an
 * event loop.
 */
final class PasswordHasher {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_IN = Base64.getDecoder();

  private final Argon2Params params;
  private final SecureRandom random = new SecureRandom();

  PasswordHasher(Argon2Params params) {
    this.params = params;
  }

  /** A new hash with a fresh salt and the configured cost. */
  String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2(password, salt, params, HASH_BYTES);
    return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches; false for a hash that is not ours, never an exception. */
  boolean verify(String password, String phc) {
    Parsed p = parse(phc);
    if (p == null) {
      return false;
    }
    return MessageDigest.isEqual(argon2(password, p.salt(), p.params(), p.hash().length), p.hash());
  }

  /** Whether a stored hash was made with another cost than the configured one. */
  boolean needsRehash(String phc) {
    Parsed p = parse(phc);
    return p == null || !p.params().equals(params) || p.hash().length != HASH_BYTES;
  }

  record Parsed(Argon2Params params, byte[] salt, byte[] hash) {}

  /** The parts of a PHC string, or null when it is not an Argon2id v1.3 hash within our bounds. */
  static Parsed parse(String phc) {
    if (phc == null) {
      return null;
    }
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return null;
    }
    try {
      var params = new Argon2Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      return new Parsed(params, B64_IN.decode(m.group(4)), B64_IN.decode(m.group(5)));
    } catch (IllegalArgumentException outOfBounds) {
      return null;
    }
  }

  private static byte[] argon2(String password, byte[] salt, Argon2Params p, int length) {
    var generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(p.memoryKib())
        .withIterations(p.iterations())
        .withParallelism(p.parallelism())
        .withSalt(salt)
        .build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
