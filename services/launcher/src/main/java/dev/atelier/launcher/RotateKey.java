package dev.atelier.launcher;

import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.auth.SigningKeys;
import dev.atelier.runtime.config.AtelierConfig;

/**
 * {@code scripts/rotate-key}: adds a new signing key to {@code <dataDir>/keys}. Nodes sign with it
 * from their next start; tokens signed by the older keys keep verifying until they expire. Delete an
 * old key file once no token it signed can still be alive (auth.accessTokenMinutes after the restart).
 */
public final class RotateKey {
  private RotateKey() {}

  public static void main(String[] args) {
    var auth = AuthConfig.from(AtelierConfig.load());
    if (auth.keyFromConfig()) {
      System.err.println("ATELIER_AUTH_SIGNING_KEY_PEM is set: rotate by giving a new PEM, not the data directory");
      System.exit(64);
    }
    String kid = SigningKeys.rotate(auth.dataDir(), auth.algorithm());
    System.out.println("new " + auth.algorithm() + " signing key " + kid + " in " + auth.dataDir().resolve("keys")
        + "; restart the nodes to sign with it");
  }
}
