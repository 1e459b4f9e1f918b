package dev.atelier.launcher;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret for development tokens: {@code ATELIER_AUTH_DEV_SECRET} when set, else one
 * made on first start and kept in {@code <dataDir>/dev-jwt.secret} (mode 600), so tokens from
 * {@code scripts/dev-token} stay valid across restarts. Never logged.
 */
final class DevSecret {
  private static final int MIN_LENGTH = 32;
  private DevSecret() {}

  static String resolve(JsonObject config, Path dataDir) {
    String configured = config.getJsonObject("auth").getString("devSecret");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    Path file = dataDir.resolve("dev-jwt.secret");
    try {
      if (Files.exists(file)) {
        String existing = Files.readString(file).strip();
        if (existing.length() >= MIN_LENGTH) {
          return existing;
        }
        // a start that died while writing it: make a new one (tokens signed with nothing are worthless)
      }
      Files.createDirectories(dataDir);
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      // private from the first byte, and in place only once whole
      Path partial = Files.createTempFile(dataDir, "dev-jwt", ".partial",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(partial, secret);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }
}
