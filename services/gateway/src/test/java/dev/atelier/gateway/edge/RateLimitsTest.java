package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.config.EnvOverrides;
import dev.atelier.runtime.http.ApiRoute;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private static final RateLimits DEFAULTS = RateLimits.from(AtelierConfig.defaults());

  @Test
  @DisplayName("the defaults are API.md's: 50/s bursts of 100 per user, 20/s per anonymous IP, 20 a minute per IP and 5 per email on auth")
  void defaults() {
    assertThat(DEFAULTS.enabled()).isTrue();
    assertThat(DEFAULTS.read()).isEqualTo(new RateLimit(50, 100));
    assertThat(DEFAULTS.write()).isEqualTo(new RateLimit(50, 100));
    assertThat(DEFAULTS.anonymous()).isEqualTo(new RateLimit(20, 40));
    assertThat(DEFAULTS.auth().ratePerSecond() * 60).isCloseTo(20, org.assertj.core.data.Offset.offset(0.1));
    assertThat(DEFAULTS.auth().burst()).isEqualTo(20);
    assertThat(DEFAULTS.loginEmail().ratePerSecond() * 60).isCloseTo(5, org.assertj.core.data.Offset.offset(0.01));
    assertThat(DEFAULTS.loginEmail().burst()).isEqualTo(5);
  }

  @Test
  @DisplayName("a route's limit follows its rate class, and anonymous callers share the anonymous limit")
  void forRoute() {
    assertThat(DEFAULTS.forRoute(ApiRoute.READ, true)).isSameAs(DEFAULTS.read());
    assertThat(DEFAULTS.forRoute(ApiRoute.WRITE, true)).isSameAs(DEFAULTS.write());
    assertThat(DEFAULTS.forRoute(ApiRoute.READ, false)).isSameAs(DEFAULTS.anonymous());
    assertThat(DEFAULTS.forRoute(ApiRoute.WRITE, false)).isSameAs(DEFAULTS.anonymous());
    assertThat(DEFAULTS.forRoute(ApiRoute.AUTH, false)).isSameAs(DEFAULTS.auth());
    assertThat(DEFAULTS.forRoute(ApiRoute.AUTH, true)).isSameAs(DEFAULTS.auth());
    assertThatThrownBy(() -> DEFAULTS.forRoute("bulk", true)).hasMessageContaining("bulk");
  }

  @Test
  @DisplayName("a fractional rate can be set from the environment")
  void fractionalOverride() {
    var config = AtelierConfig.load(Map.of("ATELIER_RATE_LIMIT_READ_RATE_PER_SECOND", "12.5"));
    assertThat(RateLimits.from(config).read()).isEqualTo(new RateLimit(12.5, 100));
  }

  @Test
  @DisplayName("a zero rate or burst is refused naming the key")
  void refusesBadLimits() {
    var zeroRate = AtelierConfig.defaults();
    zeroRate.getJsonObject("rateLimit").getJsonObject("write").put("ratePerSecond", 0.0);
    assertThatThrownBy(() -> RateLimits.from(zeroRate)).hasMessageContaining("rateLimit.write");
    var zeroBurst = AtelierConfig.defaults();
    zeroBurst.getJsonObject("rateLimit").getJsonObject("loginEmail").put("burst", 0);
    assertThatThrownBy(() -> RateLimits.from(zeroBurst)).hasMessageContaining("rateLimit.loginEmail");
  }

  @Test
  @DisplayName("bucket keys: per user, per IP, and per email as a hash of the lower-cased address, never the address")
  void keys() {
    UUID user = UUID.fromString("8b1e0c52-0000-4000-8000-000000000001");
    assertThat(RateKeys.forUser(ApiRoute.READ, user)).isEqualTo("rl:read:u:8b1e0c52-0000-4000-8000-000000000001");
    assertThat(RateKeys.forIp(ApiRoute.AUTH, "203.0.113.9")).isEqualTo("rl:auth:ip:203.0.113.9");
    String email = RateKeys.forLoginEmail("Ada@Example.org");
    assertThat(email).startsWith("rl:login:email:").doesNotContainIgnoringCase("ada").doesNotContain("example");
    assertThat(email.substring("rl:login:email:".length())).hasSize(64);
    assertThat(RateKeys.forLoginEmail(" ada@example.ORG ")).isEqualTo(email);
    assertThat(RateKeys.forLoginEmail("bob@example.org")).isNotEqualTo(email);
  }

  @Test
  @DisplayName("every rate-limit key of default.json has an ATELIER_ variable")
  void variables() {
    assertThat(EnvOverrides.variables(AtelierConfig.defaults()))
        .containsKeys("ATELIER_RATE_LIMIT_LOGIN_EMAIL_RATE_PER_SECOND", "ATELIER_RATE_LIMIT_AUTH_BURST");
  }
}
