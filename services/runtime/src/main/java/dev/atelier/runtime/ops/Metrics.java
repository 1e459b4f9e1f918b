package dev.atelier.runtime.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;

/** Prometheus metrics through vertx-micrometer-metrics: HTTP server, event bus, pools, JVM, and ours. */
public final class Metrics {
  private static final SimpleMeterRegistry DISABLED = new SimpleMeterRegistry();

  private Metrics() {}

  /** Options for the Vertx builder; metrics can only be set up while Vert.x is built. */
  public static MicrometerMetricsOptions options(JsonObject config) {
    boolean enabled = config.getJsonObject("metrics").getBoolean("enabled");
    return new MicrometerMetricsOptions()
        .setEnabled(enabled)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        // HTTP_ROUTE, never HTTP_PATH: one series per route, not one per product id
        .addLabels(Label.HTTP_ROUTE, Label.HTTP_CODE, Label.HTTP_METHOD, Label.POOL_NAME, Label.POOL_TYPE, Label.EB_ADDRESS);
  }

  /** The metrics factory for the Vertx builder, over a Prometheus registry whose names promtool accepts. */
  public static MicrometerMetricsFactory factory() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // promtool check metrics rejects these JVM binder names (abbreviated units, a gauge named *_count)
    registry.config()
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("jvm.compilation.time") || id.getName().equals("process.cpu.time")))
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
          }
        });
    return new MicrometerMetricsFactory(registry);
  }

  /** The registry our own meters go to; a throwaway one when metrics are off. */
  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry == null ? DISABLED : registry;
  }

  /** A latency timer with the percentiles the benchmarks and dashboards read. */
  public static Timer timer(String name, String description, String... tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry());
  }
}
