package dev.atelier.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.auth.VerifiedToken;
import dev.atelier.runtime.http.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  private static VerifiedToken expiringAt(Instant at) {
    return new VerifiedToken(new Caller(UUID.randomUUID(), Role.CUSTOMER), UUID.randomUUID(), "jti", at);
  }

  @Test
  @DisplayName("a remembered token is answered until it expires, then forgotten")
  void expiry() {
    var clock = new MutableClock(NOW);
    var tokens = new VerifiedTokens(10, clock);
    var v = expiringAt(NOW.plusSeconds(60));
    tokens.put("t", v);
    assertThat(tokens.get("t")).isSameAs(v);
    clock.now = NOW.plusSeconds(60);
    assertThat(tokens.get("t")).as("expired: must be verified (and refused) again").isNull();
    clock.now = NOW;
    assertThat(tokens.get("t")).as("forgotten once expired").isNull();
  }

  @Test
  @DisplayName("only the exact token text matches, and the least recently used goes first")
  void exactAndBounded() {
    var tokens = new VerifiedTokens(2, Clock.fixed(NOW, ZoneOffset.UTC));
    tokens.put("a", expiringAt(NOW.plus(Duration.ofMinutes(5))));
    tokens.put("b", expiringAt(NOW.plus(Duration.ofMinutes(5))));
    assertThat(tokens.get("a ")).isNull();
    tokens.get("a");
    tokens.put("c", expiringAt(NOW.plus(Duration.ofMinutes(5))));
    assertThat(tokens.get("b")).isNull();
    assertThat(tokens.get("a")).isNotNull();
    assertThat(tokens.get("c")).isNotNull();
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
