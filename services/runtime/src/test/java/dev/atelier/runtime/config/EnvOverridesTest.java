package dev.atelier.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {
  private final JsonObject defaults = AtelierConfig.defaults();

  @Test
  @DisplayName("a nested camelCase key is set by its upper-snake variable, with the default's type")
  void nestedKey() {
    var config = EnvOverrides.apply(defaults, Map.of("ATELIER_CATALOG_CACHE_TTL_MILLIS", "42",
        "ATELIER_HTTP_PORT", "9090", "ATELIER_CLUSTER", "true", "ATELIER_DATA_DIR", "/srv/atelier"));
    assertThat(config.getJsonObject("catalog").getInteger("cacheTtlMillis")).isEqualTo(42);
    assertThat(config.getJsonObject("http").getInteger("port")).isEqualTo(9090);
    assertThat(config.getBoolean("cluster")).isTrue();
    assertThat(config.getString("dataDir")).isEqualTo("/srv/atelier");
    assertThat(defaults.getJsonObject("http").getInteger("port")).as("defaults untouched").isEqualTo(8080);
  }

  @Test
  @DisplayName("the variables the README documents are exactly those the defaults accept")
  void variableNames() {
    var names = EnvOverrides.variables(defaults).keySet();
    assertThat(names).contains("ATELIER_HTTP_PORT", "ATELIER_DATA_DIR", "ATELIER_PG_URL", "ATELIER_REDIS_URL",
        "ATELIER_AMQP_URL", "ATELIER_ROLES", "ATELIER_CLUSTER", "ATELIER_CLUSTER_MEMBERS",
        "ATELIER_GATEWAY_INSTANCES", "ATELIER_CATALOG_INSTANCES");
  }

  @Test
  @DisplayName("a value of the wrong type stops the start naming the variable")
  void badValue() {
    assertThatThrownBy(() -> EnvOverrides.apply(defaults, Map.of("ATELIER_HTTP_PORT", "eighty")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ATELIER_HTTP_PORT");
    assertThatThrownBy(() -> EnvOverrides.apply(defaults, Map.of("ATELIER_CLUSTER", "yes")))
        .hasMessageContaining("ATELIER_CLUSTER");
  }

  @Test
  @DisplayName("instances 0 means one per core; a negative count is refused by name")
  void instances() {
    var config = EnvOverrides.apply(defaults, Map.of("ATELIER_CATALOG_INSTANCES", "3"));
    assertThat(Instances.of(config, "catalog")).isEqualTo(3);
    assertThat(Instances.of(defaults, "gateway")).isEqualTo(Runtime.getRuntime().availableProcessors());
    var negative = EnvOverrides.apply(defaults, Map.of("ATELIER_GATEWAY_INSTANCES", "-1"));
    assertThatThrownBy(() -> Instances.of(negative, "gateway")).hasMessageContaining("ATELIER_GATEWAY_INSTANCES");
  }
}
