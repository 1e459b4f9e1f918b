package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.runtime.config.AtelierConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {
  private static final IdempotencyKeys KEYS =
      new IdempotencyKeys(null, IdempotencyConfig.from(AtelierConfig.defaults()));

  @Test
  @DisplayName("the fingerprint is stable and changes with the method, the path or any byte of the body")
  void fingerprint() {
    String base = IdempotencyKeys.fingerprint("POST", "/api/orders", Buffer.buffer("{\"a\":1}"));
    assertThat(base).hasSize(64).isEqualTo(IdempotencyKeys.fingerprint("POST", "/api/orders", Buffer.buffer("{\"a\":1}")));
    assertThat(IdempotencyKeys.fingerprint("PUT", "/api/orders", Buffer.buffer("{\"a\":1}"))).isNotEqualTo(base);
    assertThat(IdempotencyKeys.fingerprint("POST", "/api/orders/1", Buffer.buffer("{\"a\":1}"))).isNotEqualTo(base);
    assertThat(IdempotencyKeys.fingerprint("POST", "/api/orders", Buffer.buffer("{\"a\":2}"))).isNotEqualTo(base);
    // the separator keeps path and body apart
    assertThat(IdempotencyKeys.fingerprint("POST", "/api/ordersX", Buffer.buffer("")))
        .isNotEqualTo(IdempotencyKeys.fingerprint("POST", "/api/orders", Buffer.buffer("X")));
    assertThat(IdempotencyKeys.fingerprint("POST", "/api/orders", null))
        .isEqualTo(IdempotencyKeys.fingerprint("POST", "/api/orders", Buffer.buffer()));
  }

  @Test
  @DisplayName("a key of 1 to 255 visible ASCII characters is accepted")
  void validKeys() {
    assertThat(KEYS.requireKey("a")).isEqualTo("a");
    assertThat(KEYS.requireKey("order-2026-12-02_#1~!")).isEqualTo("order-2026-12-02_#1~!");
    assertThat(KEYS.requireKey("k".repeat(255))).hasSize(255);
  }

  @Test
  @DisplayName("an empty, too long, non-ASCII or spaced key is INVALID on field Idempotency-Key")
  void invalidKeys() {
    for (String bad : new String[] {"", "k".repeat(256), "with space", "caf\u00e9", "tab\tkey", "new\nline"}) {
      assertThatThrownBy(() -> KEYS.requireKey(bad)).as(bad)
          .isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.code()).isEqualTo(FailureCode.INVALID);
            assertThat(f.field()).isEqualTo("Idempotency-Key");
          });
    }
  }

  @Test
  @DisplayName("a missing key is 400 naming the header")
  void missingKey() {
    assertThatThrownBy(() -> KEYS.requireKey(null))
        .isInstanceOfSatisfying(HttpStatusFailure.class, f -> {
          assertThat(f.status()).isEqualTo(400);
          assertThat(f.getMessage()).contains("Idempotency-Key");
        });
  }

  @Test
  @DisplayName("a stored response keeps Content-Type, Location, ETag and Last-Modified, nothing else")
  void keptHeaders() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("content-type", "application/json").add("Location", "/api/orders/1")
        .add("RateLimit-Remaining", "7").add("X-Correlation-Id", "abc").add("Date", "now");
    StoredResponse stored = StoredResponse.of(201, headers, Buffer.buffer("{}"));
    assertThat(stored.headers()).isEqualTo(Map.of("Content-Type", "application/json", "Location", "/api/orders/1"));
  }

  @Test
  @DisplayName("the config refuses a ttl under the 24 h that API.md promises")
  void ttlAtLeastADay() {
    var root = AtelierConfig.defaults();
    root.getJsonObject("idempotency").put("ttlHours", 23);
    assertThatThrownBy(() -> IdempotencyConfig.from(root)).hasMessageContaining("idempotency.ttlHours");
  }
}
