package dev.atelier.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.atelier.codecs.users.Role;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {
  @Test
  @DisplayName("an issued token carries the pinned alg, typ at+jwt, our kid, and every claim the API promises")
  void shape(@TempDir Path dir) {
    Instant now = Instant.parse("2026-12-01T12:00:00.750Z");
    var config = AccessTokenVerifierTest.config(dir, "ES256");
    var keys = SigningKeys.loadOrCreate(dir, JWSAlgorithm.ES256);
    UUID user = UUID.randomUUID();
    UUID session = UUID.randomUUID();
    AccessToken t = new AccessTokens(config, keys, Clock.fixed(now, ZoneOffset.UTC)).issue(user, Role.CUSTOMER, session);

    String[] parts = t.value().split("\\.");
    var header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    var claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(header.getString("alg")).isEqualTo("ES256");
    assertThat(header.getString("typ")).isEqualTo("at+jwt");
    assertThat(header.getString("kid")).isEqualTo(keys.current().getKeyID());
    assertThat(claims.getString("iss")).isEqualTo("atelier");
    assertThat(claims.getValue("aud")).isEqualTo("atelier-api");
    assertThat(claims.getString("sub")).isEqualTo(user.toString());
    assertThat(claims.getString("role")).isEqualTo("customer");
    assertThat(claims.getString("sid")).isEqualTo(session.toString());
    assertThat(claims.getString("jti")).isEqualTo(t.tokenId().toString());
    long iat = now.getEpochSecond();
    assertThat(claims.getLong("iat")).isEqualTo(iat);
    assertThat(claims.getLong("nbf")).isEqualTo(iat);
    assertThat(claims.getLong("exp")).isEqualTo(iat + 900);
    assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochSecond(iat + 900));
  }
}
