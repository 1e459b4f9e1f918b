package dev.atelier.runtime.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Overrides every leaf key of the defaults from an {@code ATELIER_} environment variable named by
 * its path in upper snake case: {@code catalog.cacheTtlMillis} is {@code ATELIER_CATALOG_CACHE_TTL_MILLIS}.
 * Only keys that have a default can be set, and a value of the wrong type stops the start-up.
 */
public final class EnvOverrides {
  public static final String PREFIX = "ATELIER_";

  private EnvOverrides() {}

  /** A copy of {@code defaults} with every matching variable of {@code env} applied. */
  public static JsonObject apply(JsonObject defaults, Map<String, String> env) {
    JsonObject result = defaults.copy();
    apply(result, "", env);
    return result;
  }

  /** Every variable name the defaults accept, with its default: what the README lists. */
  public static Map<String, Object> variables(JsonObject defaults) {
    var names = new TreeMap<String, Object>();
    collect(defaults, "", names);
    return names;
  }

  public static String variableFor(String path) {
    var name = new StringBuilder(PREFIX);
    for (char c : path.toCharArray()) {
      if (c == '.') {
        name.append('_');
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString();
  }

  private static void collect(JsonObject node, String prefix, Map<String, Object> names) {
    for (String key : node.fieldNames()) {
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        collect(child, prefix + key + ".", names);
      } else {
        names.put(variableFor(prefix + key), value);
      }
    }
  }

  private static void apply(JsonObject node, String prefix, Map<String, String> env) {
    for (String key : node.fieldNames()) {
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        apply(child, prefix + key + ".", env);
        continue;
      }
      String variable = variableFor(prefix + key);
      String raw = env.get(variable);
      if (raw != null) {
        node.put(key, parse(variable, raw, value));
      }
    }
  }

  private static Object parse(String variable, String raw, Object template) {
    String v = raw.strip();
    try {
      if (template instanceof Boolean) {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(v);
      }
      if (template instanceof Integer) {
        return Integer.parseInt(v);
      }
      if (template instanceof Long) {
        return Long.parseLong(v);
      }
      if (template instanceof Number) {
        return Double.parseDouble(v);
      }
      if (template instanceof JsonArray) {
        var array = new JsonArray();
        for (String item : v.split(",")) {
          if (!item.isBlank()) {
            array.add(item.strip());
          }
        }
        return array;
      }
      return raw;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + "='" + raw + "' is not a valid "
          + template.getClass().getSimpleName().toLowerCase() + ": " + e.getMessage(), e);
    }
  }
}
