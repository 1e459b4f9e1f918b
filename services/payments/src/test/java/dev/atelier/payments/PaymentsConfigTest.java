package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.runtime.config.AtelierConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaymentsConfigTest {
  @Test
  @DisplayName("the defaults read: EUR wallets, a pool of 8, two order events at once per instance")
  void defaults() {
    assertThat(PaymentsConfig.from(AtelierConfig.defaults())).isEqualTo(new PaymentsConfig(8, "EUR", 2));
  }

  @Test
  @DisplayName("a bad value is refused naming its key")
  void refused() {
    assertThatThrownBy(() -> new PaymentsConfig(0, "EUR", 2)).hasMessageContaining("payments.poolSize");
    assertThatThrownBy(() -> new PaymentsConfig(8, "eur", 2)).hasMessageContaining("payments.currency");
    assertThatThrownBy(() -> new PaymentsConfig(8, "XYZ", 2)).hasMessageContaining("payments.currency");
    assertThatThrownBy(() -> new PaymentsConfig(8, "EUR", 0)).hasMessageContaining("payments.ordersPrefetch");
  }
}
