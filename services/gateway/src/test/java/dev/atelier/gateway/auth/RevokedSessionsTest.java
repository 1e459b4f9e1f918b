package dev.atelier.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.platform.SessionsRevoked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RevokedSessionsTest {
  @Test
  @DisplayName("a revoked session is refused for an access token's lifetime, then forgotten; others never")
  void keepsForATokenLifetime() {
    Instant t0 = Instant.parse("2026-12-02T10:00:00Z");
    var clock = new Clock() {
      Instant now = t0;

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
    };
    var revoked = new RevokedSessions(Duration.ofMinutes(15), clock);
    UUID ended = UUID.randomUUID();
    revoked.add(new SessionsRevoked(List.of(ended), t0));
    assertThat(revoked.contains(ended)).isTrue();
    assertThat(revoked.contains(UUID.randomUUID())).isFalse();
    assertThat(revoked.contains(null)).isFalse();
    clock.now = t0.plus(Duration.ofMinutes(14));
    revoked.dropExpired();
    assertThat(revoked.contains(ended)).isTrue();
    clock.now = t0.plus(Duration.ofMinutes(15));
    revoked.dropExpired();
    assertThat(revoked.contains(ended)).isFalse();
    assertThat(revoked.size()).isZero();
  }
}
