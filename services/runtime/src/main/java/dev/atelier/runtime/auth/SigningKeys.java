package dev.atelier.runtime.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access-token key set. From {@code auth.signingKeyPem} when set (that one key), else from
 * {@code <dataDir>/keys/*.pem}, where the first start makes a key. The newest key signs; every key
 * of the pinned algorithm's type verifies, so after {@link #rotate} tokens signed by the older key
 * stay valid until they expire. A node reads the directory once at start: rotate, then restart.
 * Each key's {@code kid} is its RFC 7638 thumbprint. Private keys are never logged or printed.
 */
public final class SigningKeys {
  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
  private static final Map<String, SigningKeys> RESOLVED = new ConcurrentHashMap<>();
  private static final String SUFFIX = ".pem";

  private final JWSAlgorithm algorithm;
  private final List<JWK> keys;
  private final Map<String, JWK> byKid;

  private SigningKeys(JWSAlgorithm algorithm, List<JWK> newestFirst) {
    if (newestFirst.isEmpty()) {
      throw new IllegalArgumentException("no " + algorithm + " signing key");
    }
    this.algorithm = algorithm;
    this.keys = List.copyOf(newestFirst);
    var map = new LinkedHashMap<String, JWK>();
    newestFirst.forEach(k -> map.put(k.getKeyID(), k));
    this.byKid = Map.copyOf(map);
  }

  /**
   * The node's keys: resolved once per JVM (the launcher does it before deploying, so a data-dir key
   * exists before any verticle signs or verifies), then shared by every verticle instance.
   */
  public static SigningKeys resolve(AuthConfig config) {
    // the PEM's digest, not the PEM: this map's keys may show in a heap dump
    String source = config.keyFromConfig() ? "pem:" + digest(config.signingKeyPem()) : "dir:" + config.dataDir();
    return RESOLVED.computeIfAbsent(source + "#" + config.algorithm(), k -> config.keyFromConfig()
        ? fromPem(config.signingKeyPem(), config.algorithm())
        : loadOrCreate(config.dataDir(), config.algorithm()));
  }

  /** One key given as PKCS#8 PEM. */
  public static SigningKeys fromPem(String pem, JWSAlgorithm algorithm) {
    return new SigningKeys(algorithm, List.of(jwk(KeyPem.complete(KeyPem.read(pem)), algorithm)));
  }

  /** The keys in {@code <dataDir>/keys}, making the first one when there is none of this algorithm. */
  static synchronized SigningKeys loadOrCreate(Path dataDir, JWSAlgorithm algorithm) {
    List<JWK> found = load(dataDir, algorithm);
    if (found.isEmpty()) {
      String kid = rotate(dataDir, algorithm);
      log.info("made a new {} access-token signing key {} in {}", algorithm, kid, keyDir(dataDir));
      found = load(dataDir, algorithm);
    }
    return new SigningKeys(algorithm, found);
  }

  /**
   * Adds a new newest key to {@code <dataDir>/keys} (mode 600, written whole then moved in place)
   * and answers its kid. Nodes sign with it after their next start; older keys keep verifying.
   */
  public static synchronized String rotate(Path dataDir, JWSAlgorithm algorithm) {
    Path dir = keyDir(dataDir);
    KeyPair pair = KeyPem.generate(JWSAlgorithm.Family.EC.contains(algorithm));
    JWK key = jwk(pair, algorithm);
    try {
      // only keys/ is private: the embedded servers' data beside it may run as another user
      Files.createDirectories(dataDir);
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      // names sort by creation time, so the newest is the last, whatever the clock did
      long stamp = Math.max(System.currentTimeMillis(), newestStamp(dir) + 1);
      Path target = dir.resolve(String.format("%013d-%s%s", stamp, key.getKeyID().substring(0, 8), SUFFIX));
      Path partial = Files.createTempFile(dir, ".key-", ".partial",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(partial, KeyPem.write(pair.getPrivate()), StandardCharsets.US_ASCII);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return key.getKeyID();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a signing key in " + dir, e);
    }
  }

  private static String digest(String pem) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static Path keyDir(Path dataDir) {
    return dataDir.resolve("keys");
  }

  private static List<Path> keyFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static long newestStamp(Path dir) {
    return keyFiles(dir).stream().findFirst().map(p -> {
      try {
        return Long.parseLong(p.getFileName().toString().substring(0, 13));
      } catch (RuntimeException notOurName) {
        return 0L;
      }
    }).orElse(0L);
  }

  private static List<JWK> load(Path dataDir, JWSAlgorithm algorithm) {
    boolean wantEc = JWSAlgorithm.Family.EC.contains(algorithm);
    var found = new ArrayList<JWK>();
    for (Path file : keyFiles(keyDir(dataDir))) {
      KeyPair pair;
      try {
        pair = KeyPem.complete(KeyPem.read(Files.readString(file, StandardCharsets.US_ASCII)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read signing key " + file, e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("signing key " + file + ": " + e.getMessage());
      }
      if ((pair.getPrivate() instanceof ECPrivateKey) == wantEc) {
        found.add(jwk(pair, algorithm));
      } else {
        log.info("signing key {} is not for {}; ignored", file.getFileName(), algorithm);
      }
    }
    return found;
  }

  private static JWK jwk(KeyPair pair, JWSAlgorithm algorithm) {
    try {
      if (JWSAlgorithm.Family.EC.contains(algorithm)) {
        if (!(pair.getPublic() instanceof ECPublicKey pub)) {
          throw new IllegalArgumentException(algorithm + " needs an EC P-256 key");
        }
        return new ECKey.Builder(Curve.P_256, pub).privateKey(pair.getPrivate())
            .keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyIDFromThumbprint().build();
      }
      if (!(pair.getPublic() instanceof RSAPublicKey pub)) {
        throw new IllegalArgumentException(algorithm + " needs an RSA key");
      }
      if (pub.getModulus().bitLength() < 2048) {
        throw new IllegalArgumentException("an RSA signing key must have at least 2048 bits");
      }
      return new RSAKey.Builder(pub).privateKey(pair.getPrivate())
          .keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute a key thumbprint", e);
    }
  }

  public JWSAlgorithm algorithm() {
    return algorithm;
  }

  /** The key that signs: the newest. */
  public JWK current() {
    return keys.get(0);
  }

  /** The key with this kid, or null. */
  public JWK find(String kid) {
    return kid == null ? null : byKid.get(kid);
  }

  /** Every key, newest first. */
  public List<JWK> all() {
    return keys;
  }

  /** The public JWK Set, as served at /.well-known/jwks.json. */
  public String jwks() {
    return new JWKSet(keys).toString(true);
  }

  @Override
  public String toString() {
    return "SigningKeys[" + algorithm + ", kids=" + byKid.keySet() + "]";
  }
}
