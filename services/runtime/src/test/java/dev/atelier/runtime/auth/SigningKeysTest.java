package dev.atelier.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @Test
  @DisplayName("the first start makes one private key file (mode 600) and later starts reuse it")
  void generatedOnceThenReused(@TempDir Path dataDir) throws Exception {
    var first = SigningKeys.loadOrCreate(dataDir, JWSAlgorithm.RS256);
    var second = SigningKeys.loadOrCreate(dataDir, JWSAlgorithm.RS256);
    assertThat(second.current().getKeyID()).isEqualTo(first.current().getKeyID());
    try (var files = Files.list(SigningKeys.keyDir(dataDir))) {
      var list = files.toList();
      assertThat(list).hasSize(1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(list.get(0)))).isEqualTo("rw-------");
      assertThat(Files.readString(list.get(0))).startsWith("-----BEGIN PRIVATE KEY-----");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SigningKeys.keyDir(dataDir)))).isEqualTo("rwx------");
  }

  @Test
  @DisplayName("the kid is the RFC 7638 thumbprint, and the JWK Set holds public parts only")
  void jwks(@TempDir Path dataDir) throws Exception {
    for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.ES256, JWSAlgorithm.RS256}) {
      var keys = SigningKeys.loadOrCreate(dataDir.resolve(alg.getName()), alg);
      JWK key = keys.current();
      assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
      var set = new JsonObject(keys.jwks());
      var k = set.getJsonArray("keys").getJsonObject(0);
      assertThat(k.getString("kid")).isEqualTo(key.getKeyID());
      assertThat(k.getString("alg")).isEqualTo(alg.getName());
      assertThat(k.getString("use")).isEqualTo("sig");
      assertThat(k.fieldNames()).doesNotContain("d", "p", "q", "dp", "dq", "qi");
      if (alg == JWSAlgorithm.ES256) {
        assertThat(k.getString("kty")).isEqualTo("EC");
        assertThat(k.getString("crv")).isEqualTo("P-256");
        assertThat(k.fieldNames()).contains("x", "y");
      } else {
        assertThat(k.getString("kty")).isEqualTo("RSA");
        assertThat(k.fieldNames()).contains("n", "e");
      }
    }
  }

  @Test
  @DisplayName("a PKCS#8 PEM from config gives the same kid as the file it came from; a bad one is refused without quoting it")
  void fromPem(@TempDir Path dataDir) throws Exception {
    var keys = SigningKeys.loadOrCreate(dataDir, JWSAlgorithm.ES256);
    Path file;
    try (var files = Files.list(SigningKeys.keyDir(dataDir))) {
      file = files.findFirst().orElseThrow();
    }
    String pem = Files.readString(file);
    assertThat(SigningKeys.fromPem(pem, JWSAlgorithm.ES256).current().getKeyID()).isEqualTo(keys.current().getKeyID());
    assertThatThrownBy(() -> SigningKeys.fromPem(pem, JWSAlgorithm.RS256)).hasMessageContaining("RSA");
    String broken = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----";
    assertThatThrownBy(() -> SigningKeys.fromPem(broken, JWSAlgorithm.ES256)).message().doesNotContain("c2VjcmV0");
  }

  @Test
  @DisplayName("AuthConfig never prints the PEM")
  void configMasksPem() {
    var c = new AuthConfig("atelier", "atelier-api", JWSAlgorithm.RS256, java.time.Duration.ofMinutes(15),
        java.time.Duration.ofDays(30), java.time.Duration.ofSeconds(30), "-----BEGIN PRIVATE KEY-----secret", Path.of("."));
    assertThat(c.toString()).doesNotContain("secret").contains("signingKeyPem=***");
  }
}
