package dev.atelier.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.runtime.config.AtelierConfig;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RelaySettingsTest {
  @Test
  @DisplayName("the defaults read from messaging.relay")
  void defaults() {
    var s = RelaySettings.from(AtelierConfig.defaults());
    assertThat(s.batchSize()).isEqualTo(256);
    assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.confirmTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.retention()).isEqualTo(Duration.ofHours(72));
  }

  @Test
  @DisplayName("reconnect waits double from the interval and stop at 5 s")
  void backoff() {
    var s = RelaySettings.from(AtelierConfig.defaults());
    assertThat(s.reconnectDelay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.reconnectDelay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.reconnectDelay(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.reconnectDelay(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.reconnectDelay(50)).isEqualTo(Duration.ofSeconds(5));
  }
}
