package dev.atelier.gateway.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/** YAML to JsonObject and back, with SnakeYAML (which vertx-openapi already brings). */
final class OpenApiYaml {
  private OpenApiYaml() {}

  static JsonObject read(String name, String text) {
    var options = new LoaderOptions();
    // a path or schema written twice in one file would otherwise silently keep the last
    options.setAllowDuplicateKeys(false);
    Object root;
    try {
      root = new Yaml(new SafeConstructor(options)).load(text);
    } catch (YAMLException e) {
      throw new IllegalStateException(name + ": not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalStateException(name + ": the document must be a YAML mapping");
    }
    return (JsonObject) toJson(name, "", map);
  }

  static String write(JsonObject document) {
    var options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(120);
    options.setAllowUnicode(true);
    // plain maps without shared instances, so the output has no anchors or aliases
    return new Yaml(new Representer(options), options).dump(toPlain(document));
  }

  private static Object toJson(String name, String at, Object value) {
    if (value instanceof Map<?, ?> map) {
      var object = new JsonObject(new LinkedHashMap<>());
      // YAML 1.1 reads an unquoted 200 as a number; response codes are keys and must stay strings
      map.forEach((k, v) -> object.put(String.valueOf(k), toJson(name, at + "/" + k, v)));
      return object;
    }
    if (value instanceof List<?> list) {
      var array = new JsonArray();
      for (int i = 0; i < list.size(); i++) {
        array.add(toJson(name, at + "/" + i, list.get(i)));
      }
      return array;
    }
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    throw new IllegalStateException(name + ": " + at + " is a " + value.getClass().getSimpleName()
        + ", which JSON cannot hold; quote it");
  }

  private static Object toPlain(Object value) {
    if (value instanceof JsonObject object) {
      var map = new LinkedHashMap<String, Object>();
      object.forEach(e -> map.put(e.getKey(), toPlain(e.getValue())));
      return map;
    }
    if (value instanceof JsonArray array) {
      var list = new ArrayList<>();
      array.forEach(v -> list.add(toPlain(v)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      return toPlain(new JsonObject(new LinkedHashMap<>(castKeys(map))));
    }
    if (value instanceof List<?> list) {
      return toPlain(new JsonArray(new ArrayList<>(list)));
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castKeys(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
