package dev.atelier.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.auth.TokenRejected;
import dev.atelier.runtime.auth.TokenRejected.Reason;
import dev.atelier.runtime.auth.VerifiedToken;
import dev.atelier.runtime.http.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(30);
  private final MutableClock clock = new MutableClock(NOW);
  private final List<String> verified = new ArrayList<>();

  /** A verifier like the real one: "good-*" tokens expire 15 minutes from NOW, the rest are refused, by the clock. */
  private VerifiedToken verify(String token) {
    verified.add(token);
    Instant exp = NOW.plus(Duration.ofMinutes(15));
    if (!token.startsWith("good-")) {
      throw new TokenRejected(Reason.SIGNATURE, "bad signature");
    }
    if (!clock.instant().isBefore(exp.plus(SKEW))) {
      throw new TokenRejected(Reason.EXPIRED, "expired at " + exp);
    }
    UUID session = UUID.randomUUID();
    return new VerifiedToken(new Caller(UUID.randomUUID(), Role.CUSTOMER, session), session, token, exp);
  }

  private VerifiedTokenCache cache(int max) {
    return new VerifiedTokenCache(this::verify, SKEW, clock, max);
  }

  @Test
  @DisplayName("a token verified once is answered from memory, the same caller, until exp plus skew")
  void remembers() {
    var cache = cache(10);
    VerifiedToken first = cache.verify("good-a");
    clock.now = NOW.plus(Duration.ofMinutes(15)).plus(SKEW).minusMillis(1);
    assertThat(cache.verify("good-a")).isSameAs(first);
    assertThat(verified).containsExactly("good-a");
  }

  @Test
  @DisplayName("once exp plus skew has passed, the verifier is asked again and its refusal stands")
  void expires() {
    var cache = cache(10);
    cache.verify("good-a");
    clock.now = NOW.plus(Duration.ofMinutes(15)).plus(SKEW);
    assertThatThrownBy(() -> cache.verify("good-a")).isInstanceOfSatisfying(TokenRejected.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    assertThat(verified).containsExactly("good-a", "good-a");
    assertThat(cache.size()).isZero();
  }

  @Test
  @DisplayName("a refused token is never remembered: it is verified, and refused, every time")
  void refusalsNotRemembered() {
    var cache = cache(10);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> cache.verify("bad-a")).isInstanceOf(TokenRejected.class);
    }
    assertThat(verified).containsExactly("bad-a", "bad-a", "bad-a");
  }

  @Test
  @DisplayName("a token differing from a remembered one in any character is verified afresh")
  void exactMatch() {
    var cache = cache(10);
    cache.verify("good-abc");
    assertThatThrownBy(() -> cache.verify("Good-abc")).isInstanceOf(TokenRejected.class);
    cache.verify("good-ab");
    assertThat(verified).containsExactly("good-abc", "Good-abc", "good-ab");
  }

  @Test
  @DisplayName("at most maxEntries tokens, the least recently used out first")
  void bounded() {
    var cache = cache(2);
    cache.verify("good-a");
    cache.verify("good-b");
    cache.verify("good-a");
    cache.verify("good-c");
    assertThat(cache.size()).isEqualTo(2);
    verified.clear();
    cache.verify("good-a");
    cache.verify("good-c");
    cache.verify("good-b");
    assertThat(verified).containsExactly("good-b");
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
