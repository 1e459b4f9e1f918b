package dev.atelier.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimilarityScoreTest {
  @Test
  @DisplayName("price proximity: 1 at the same price, symmetric, the same for the same ratio")
  void priceProximity() {
    assertThat(SimilarityScore.priceProximity(1_000, 1_000)).isEqualTo(1.0);
    assertThat(SimilarityScore.priceProximity(1_000, 2_000)).isEqualTo(SimilarityScore.priceProximity(2_000, 1_000));
    assertThat(SimilarityScore.priceProximity(1_000, 2_000)).isCloseTo(SimilarityScore.priceProximity(10_000, 20_000), within(1e-12));
    assertThat(SimilarityScore.priceProximity(1_000, 1_100)).isGreaterThan(SimilarityScore.priceProximity(1_000, 5_000));
    assertThat(SimilarityScore.priceProximity(0, 1_000)).isZero();
  }

  @Test
  @DisplayName("blend: text scaled by the best hit, price weighted by its share")
  void blend() {
    assertThat(SimilarityScore.blend(4, 4, 1, 0.25)).isEqualTo(1.0);
    assertThat(SimilarityScore.blend(2, 4, 0, 0.25)).isEqualTo(0.375);
    assertThat(SimilarityScore.blend(0, 0, 1, 0.25)).isEqualTo(0.25);
  }
}
