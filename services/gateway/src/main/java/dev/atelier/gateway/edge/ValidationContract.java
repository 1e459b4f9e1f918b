package dev.atelier.gateway.edge;

import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import java.util.ArrayList;

/**
 * The served document adapted to what vertx-openapi 5.0.8 accepts, for validation only; clients
 * still get the document as written. Two gaps, each refusing the whole contract at start-up:
 * a relative server url ({@code /}) is "malformed" (it is read with java.net.URL), and a media type
 * outside its fixed list (application/problem+json, application/yaml) is "unsupported".
 */
final class ValidationContract {
  // vertx-openapi takes any vendor JSON type, and checks it as JSON
  static final String PROBLEM_ALIAS = "application/vnd.atelier.problem+json";

  private ValidationContract() {}

  static JsonObject adapt(JsonObject document) {
    JsonObject json = document.copy();
    json.remove("servers");
    json.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject operation && operation.containsKey("responses")) {
        operation.getJsonObject("responses").forEach(r -> adaptContent((JsonObject) r.getValue()));
      }
    }));
    JsonObject responses = json.getJsonObject("components", new JsonObject()).getJsonObject("responses");
    if (responses != null) {
      responses.forEach(r -> adaptContent((JsonObject) r.getValue()));
    }
    return json;
  }

  /** The media type a response is validated under: problem+json by its alias, others as they are. */
  static String mediaType(String contentType) {
    String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase();
    return media.equals("application/problem+json") ? PROBLEM_ALIAS : media;
  }

  private static void adaptContent(JsonObject response) {
    JsonObject content = response.getJsonObject("content");
    if (content == null) {
      return;
    }
    for (String media : new ArrayList<>(content.fieldNames())) {
      if (media.equals("application/problem+json")) {
        content.put(PROBLEM_ALIAS, content.remove(media));
      } else if (!MediaType.isMediaTypeSupported(media)) {
        // e.g. the YAML of /openapi.yaml: nothing to check it against but "a string"
        content.remove(media);
      }
    }
  }
}
