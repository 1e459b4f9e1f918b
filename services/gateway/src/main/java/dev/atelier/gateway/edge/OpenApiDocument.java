package dev.atelier.gateway.edge;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one OpenAPI document: the gateway's {@code openapi/base.yaml} plus each service's fragment
 * ({@code ServiceModule.openApiFragment()}), merged once at start-up. A path+method, component or
 * tag declared twice, or an operation without an operationId, refuses to start, naming both sources.
 */
public final class OpenApiDocument {
  public static final String BASE = "openapi/base.yaml";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Set<String> FRAGMENT_KEYS = Set.of("paths", "components", "tags");

  /** One operation of the document; {@code path} as written there, e.g. {@code /api/products/{id}}. */
  public record Operation(HttpMethod method, String path, String operationId) {}

  /** A YAML text and the name it is known by in error messages (its resource name). */
  public record Source(String name, String yaml) {}

  private final JsonObject json;
  private final String yaml;
  private final List<Operation> operations;

  private OpenApiDocument(JsonObject json, List<Operation> operations) {
    this.json = json;
    this.yaml = OpenApiYaml.write(json);
    this.operations = List.copyOf(operations);
  }

  /** Reads {@link #BASE} and the named fragments from the class path and merges them. */
  public static OpenApiDocument load(ClassLoader loader, List<String> fragmentResources) {
    var fragments = new ArrayList<Source>();
    for (String name : fragmentResources) {
      fragments.add(read(loader, name));
    }
    return merge(read(loader, BASE), fragments);
  }

  /** Merges fragments into base; throws IllegalStateException naming the clash or the gap. */
  public static OpenApiDocument merge(Source base, List<Source> fragments) {
    JsonObject doc = OpenApiYaml.read(base.name(), base.yaml());
    for (String key : List.of("openapi", "info", "paths")) {
      if (!doc.containsKey(key)) {
        throw new IllegalStateException(base.name() + ": the base document has no '" + key + "'");
      }
    }
    var owners = new Owners();
    owners.claimAll(doc, base.name());
    for (Source fragment : fragments) {
      JsonObject part = OpenApiYaml.read(fragment.name(), fragment.yaml());
      for (String key : part.fieldNames()) {
        if (!FRAGMENT_KEYS.contains(key)) {
          throw new IllegalStateException(fragment.name() + ": a fragment holds only " + FRAGMENT_KEYS + ", not '" + key + "'");
        }
      }
      owners.claimAll(part, fragment.name());
      mergeInto(doc, part);
    }
    return new OpenApiDocument(doc, operationsOf(doc));
  }

  /** A copy: callers may not change the document the validator was built from. */
  public JsonObject json() {
    return json.copy();
  }

  /** The document as served at /openapi.yaml. */
  public String yaml() {
    return yaml;
  }

  public List<Operation> operations() {
    return operations;
  }

  /**
   * The operation with this id, or null; for the gateway to check at start-up that each route
   * it mounts is documented under the same method and path.
   */
  public Operation operation(String operationId) {
    for (Operation o : operations) {
      if (o.operationId().equals(operationId)) {
        return o;
      }
    }
    return null;
  }

  private static void mergeInto(JsonObject doc, JsonObject part) {
    JsonObject paths = doc.getJsonObject("paths");
    part.getJsonObject("paths", new JsonObject()).forEach(e -> {
      JsonObject item = paths.getJsonObject(e.getKey());
      if (item == null) {
        paths.put(e.getKey(), e.getValue());
      } else {
        ((JsonObject) e.getValue()).forEach(op -> item.put(op.getKey(), op.getValue()));
      }
    });
    JsonObject components = part.getJsonObject("components", new JsonObject());
    if (!components.isEmpty()) {
      if (!doc.containsKey("components")) {
        doc.put("components", new JsonObject());
      }
      JsonObject target = doc.getJsonObject("components");
      components.forEach(section -> {
        if (!target.containsKey(section.getKey())) {
          target.put(section.getKey(), new JsonObject());
        }
        target.getJsonObject(section.getKey()).mergeIn((JsonObject) section.getValue());
      });
    }
    JsonArray tags = part.getJsonArray("tags");
    if (tags != null) {
      if (!doc.containsKey("tags")) {
        doc.put("tags", new JsonArray());
      }
      doc.getJsonArray("tags").addAll(tags);
    }
  }

  private static List<Operation> operationsOf(JsonObject doc) {
    var operations = new ArrayList<Operation>();
    var byId = new HashMap<String, Operation>();
    doc.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (!METHODS.contains(entry.getKey())) {
        return;
      }
      HttpMethod method = HttpMethod.valueOf(entry.getKey().toUpperCase());
      String id = ((JsonObject) entry.getValue()).getString("operationId");
      if (id == null || id.isBlank()) {
        throw new IllegalStateException(method + " " + path.getKey() + " has no operationId");
      }
      var operation = new Operation(method, path.getKey(), id);
      Operation other = byId.putIfAbsent(id, operation);
      if (other != null) {
        throw new IllegalStateException("operationId " + id + " names both " + other.method() + " " + other.path()
            + " and " + method + " " + path.getKey());
      }
      operations.add(operation);
    }));
    operations.sort(Comparator.comparing(Operation::path).thenComparing(o -> o.method().name()));
    return operations;
  }

  private static Source read(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI resource " + name + " is not on the class path");
      }
      return new Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** Who declared each operation, component and tag, so a clash names both sources. */
  private static final class Owners {
    private final Map<String, String> byKey = new LinkedHashMap<>();

    void claimAll(JsonObject part, String source) {
      part.getJsonObject("paths", new JsonObject()).forEach(path -> {
        // {id} and {productId} are one route to a router: compare templates without names
        String route = path.getKey().replaceAll("\\{[^}]*}", "{}");
        ((JsonObject) path.getValue()).forEach(entry -> {
          if (METHODS.contains(entry.getKey())) {
            claim("operation " + entry.getKey().toUpperCase() + " " + route, path.getKey(), source);
          } else {
            // path-level parameters or summary: two sources may not both set them
            claim("path-level '" + entry.getKey() + "' of " + route, path.getKey(), source);
          }
        });
      });
      part.getJsonObject("components", new JsonObject()).forEach(section ->
          ((JsonObject) section.getValue()).fieldNames().forEach(name ->
              claim("component " + section.getKey() + "/" + name, name, source)));
      JsonArray tags = part.getJsonArray("tags", new JsonArray());
      for (int i = 0; i < tags.size(); i++) {
        String name = tags.getJsonObject(i).getString("name");
        claim("tag " + name, name, source);
      }
    }

    private void claim(String key, String what, String source) {
      String first = byKey.putIfAbsent(key, source);
      if (first != null) {
        throw new IllegalStateException("OpenAPI: " + key + " (" + what + ") is declared by both " + first + " and " + source);
      }
    }
  }
}
