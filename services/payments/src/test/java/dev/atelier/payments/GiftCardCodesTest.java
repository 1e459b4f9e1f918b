package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GiftCardCodesTest {
  private final GiftCardCodes codes = new GiftCardCodes();

  @Test
  @DisplayName("a code carries at least 128 random bits, in Crockford base32 groups behind GC-")
  void shape() {
    String code = codes.generate();

    assertThat(GiftCardCodes.RANDOM_BITS).isGreaterThanOrEqualTo(128);
    assertThat(code).matches("GC(-[0-9A-HJKMNP-TV-Z]{4}){6}-[0-9A-HJKMNP-TV-Z]{2}");
    assertThat(code.length()).isLessThanOrEqualTo(64);
    assertThat(GiftCardCodes.canonical(code)).hasValue(code.substring(3).replace("-", ""));
  }

  @Test
  @DisplayName("codes do not repeat, and every symbol of the alphabet turns up in every position")
  void random() {
    Set<String> seen = new HashSet<>();
    @SuppressWarnings("unchecked")
    Set<Character>[] perPosition = new Set[GiftCardCodes.SYMBOLS];
    for (int i = 0; i < perPosition.length; i++) {
      perPosition[i] = new HashSet<>();
    }
    for (int i = 0; i < 5_000; i++) {
      String canonical = GiftCardCodes.canonical(codes.generate()).orElseThrow();
      assertThat(seen.add(canonical)).isTrue();
      for (int p = 0; p < canonical.length(); p++) {
        perPosition[p].add(canonical.charAt(p));
      }
    }
    for (Set<Character> symbols : perPosition) {
      assertThat(symbols).hasSize(32);
    }
  }

  @Test
  @DisplayName("typed codes normalise: case, dashes, spaces and the prefix do not matter; O reads 0, I and L read 1")
  void normalisation() {
    String canonical = "7K3QM9XT2W8RPF4DHN6BVJ5CY1";
    assertThat(GiftCardCodes.canonical("GC-7K3Q-M9XT-2W8R-PF4D-HN6B-VJ5C-Y1")).hasValue(canonical);
    assertThat(GiftCardCodes.canonical(" gc 7k3q m9xt 2w8r pf4d hn6b vj5c y1 ")).hasValue(canonical);
    assertThat(GiftCardCodes.canonical("7K3QM9XT2W8RPF4DHN6BVJ5CYI")).hasValue(canonical);
    assertThat(GiftCardCodes.canonical("7K3QM9XT2W8RPF4DHN6BVJ5CYl")).hasValue(canonical);
    assertThat(GiftCardCodes.canonical("OK3QM9XT2W8RPF4DHN6BVJ5CY1")).hasValue("0K3QM9XT2W8RPF4DHN6BVJ5CY1");
  }

  @Test
  @DisplayName("what cannot be a code is refused: wrong length, U, punctuation, other scripts")
  void malformed() {
    assertThat(GiftCardCodes.canonical("GC-7K3Q-M9XT")).isEmpty();
    assertThat(GiftCardCodes.canonical("7K3QM9XT2W8RPF4DHN6BVJ5CYU")).isEmpty();
    assertThat(GiftCardCodes.canonical("7K3QM9XT2W8RPF4DHN6BVJ5C!1")).isEmpty();
    assertThat(GiftCardCodes.canonical("7K3QM9XT2W8RPF4DHN6BVJ5CЖ1")).isEmpty();
    assertThat(GiftCardCodes.canonical("")).isEmpty();
    assertThat(GiftCardCodes.canonical(null)).isEmpty();
    assertThat(GiftCardCodes.canonical("7K3QM9XT2W8RPF4DHN6BVJ5CY1" + "0")).isEmpty();
  }

  @Test
  @DisplayName("the stored form is the SHA-256 of the canonical symbols, the same however the code was typed")
  void hashing() {
    byte[] hash = GiftCardCodes.hash(GiftCardCodes.canonical("gc-7k3q-m9xt-2w8r-pf4d-hn6b-vj5c-y1").orElseThrow());

    assertThat(hash).hasSize(32);
    // printf '7K3QM9XT2W8RPF4DHN6BVJ5CY1' | sha256sum
    assertThat(HexFormat.of().formatHex(hash)).isEqualTo("702d51942e0082a822af2f940c841214b30646894e8377524e5325c8a466ab9b");
    assertThat(GiftCardCodes.hash("7K3QM9XT2W8RPF4DHN6BVJ5CY1")).isEqualTo(hash);
    assertThat(GiftCardCodes.hash("7K3QM9XT2W8RPF4DHN6BVJ5CY2")).isNotEqualTo(hash);
  }

  @Test
  @DisplayName("the code comes from the SecureRandom it is given")
  void usesItsRandom() {
    var fixed = new SecureRandom() {
      @Override
      public int nextInt(int bound) {
        return 31;
      }
    };
    assertThat(new GiftCardCodes(fixed).generate()).isEqualTo("GC-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ");
  }
}
