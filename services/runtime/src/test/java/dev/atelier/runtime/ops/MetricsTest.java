package dev.atelier.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.testing.Await;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  @DisplayName("the scrape has JVM metrics but none of the names promtool rejects")
  void promtoolSafeNames() {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(Metrics.options(AtelierConfig.defaults())))
        .withMetrics(Metrics.factory()).build();
    try {
      String scrape = ((PrometheusMeterRegistry) BackendRegistries.getDefaultNow()).scrape();
      assertThat(scrape).contains("jvm_memory_used_bytes", "system_cpus ");
      assertThat(scrape).doesNotContain("system_cpu_count", "jvm_compilation_time_ms", "process_cpu_time_ns");
    } finally {
      Await.result(vertx.close());
    }
  }
}
