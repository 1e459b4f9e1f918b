package dev.atelier.runtime.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Loads the node's configuration: {@code config/default.json} from the classpath (the top-level
 * {@code config/} directory, packed into the jar), then {@code ATELIER_*} environment variables.
 * Read once, before Vert.x starts, because the cluster and metrics are set while building it.
 */
public final class AtelierConfig {
  public static final String DEFAULTS = "config/default.json";

  private AtelierConfig() {}

  public static JsonObject defaults() {
    try (InputStream in = AtelierConfig.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is not on the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonObject load(Map<String, String> env) {
    return EnvOverrides.apply(defaults(), env);
  }

  public static JsonObject load() {
    return load(System.getenv());
  }
}
