package dev.atelier.gateway.edge;

import dev.atelier.codecs.Failure;
import io.vertx.json.schema.OutputUnit;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Turns a JSON-schema verdict into the Failure the gateway has always answered with: the field at
 * fault in the gateway's notation ({@code variants[0].stock}) and a message in its words.
 */
final class SchemaFailures {
  // keywords that only say "something below failed"; the reason is in a later unit
  private static final Set<String> WRAPPERS = Set.of("properties", "items", "prefixItems", "$ref", "$dynamicRef",
      "$recursiveRef", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
      "patternProperties", "unevaluatedProperties", "unevaluatedItems", "contains");

  private SchemaFailures() {}

  /**
   * The first concrete error of an invalid result. {@code prefix} is the parameter name, or empty
   * for a body; a body whose root is not an object is malformed (400), as RequestBodies has it.
   */
  static RuntimeException of(OutputUnit result, String prefix) {
    OutputUnit error = firstConcrete(result);
    String keyword = keyword(error);
    String field = field(prefix, error.getInstanceLocation());
    String text = error.getError() == null ? "" : error.getError();
    if (prefix.isEmpty() && field == null && keyword.equals("type")) {
      return new HttpStatusFailure(400, "the body must be a JSON object");
    }
    return switch (keyword) {
      case "required" -> Failure.invalid(field(prefix, error.getInstanceLocation() + "/" + quoted(text)), "is required");
      case "additionalProperties" -> Failure.invalid(field, "is not a known field");
      case "type" -> Failure.invalid(field, "must be " + describe(after(text, "Expected ")));
      case "minimum" -> Failure.invalid(field, "must be at least " + after(text, "than "));
      case "maximum" -> Failure.invalid(field, "must be at most " + after(text, "than "));
      case "exclusiveMinimum" -> Failure.invalid(field, "must be more than " + after(text, "to "));
      case "exclusiveMaximum" -> Failure.invalid(field, "must be less than " + after(text, "to "));
      case "minLength" -> Failure.invalid(field, "must be at least " + bound(text) + " characters");
      case "maxLength" -> Failure.invalid(field, "must be at most " + bound(text) + " characters");
      case "minItems" -> Failure.invalid(field, "must hold at least " + bound(text) + " items");
      case "maxItems" -> Failure.invalid(field, "must hold at most " + bound(text) + " items");
      case "minProperties" -> Failure.invalid(field, "must hold at least one field");
      case "uniqueItems" -> Failure.invalid(field, "must not repeat an item");
      case "pattern" -> Failure.invalid(field, "is not in the allowed form (characters or length)");
      case "enum" -> Failure.invalid(field, "must be one of " + after(text, "any of "));
      case "const" -> Failure.invalid(field, "must be " + after(text, "match "));
      case "format" -> Failure.invalid(field, format(quoted(text)));
      default -> Failure.invalid(field, text);
    };
  }

  private static OutputUnit firstConcrete(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors();
    if (errors == null || errors.isEmpty()) {
      return result;
    }
    for (OutputUnit e : errors) {
      if (!WRAPPERS.contains(keyword(e))) {
        return e;
      }
    }
    return errors.get(errors.size() - 1);
  }

  private static String keyword(OutputUnit unit) {
    String location = unit.getKeywordLocation();
    return location == null ? "" : location.substring(location.lastIndexOf('/') + 1);
  }

  /** "#/variants/0/stock" under "" is "variants[0].stock"; "#/1" under "fields" is "fields[1]". */
  static String field(String prefix, String pointer) {
    var sb = new StringBuilder(prefix);
    if (pointer != null) {
      for (String raw : pointer.split("/")) {
        if (raw.isEmpty() || raw.equals("#")) {
          continue;
        }
        String part = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8)
            .replace("~1", "/").replace("~0", "~");
        if (part.chars().allMatch(Character::isDigit)) {
          sb.append('[').append(part).append(']');
        } else {
          sb.append(sb.isEmpty() ? "" : ".").append(part);
        }
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  private static String format(String format) {
    return switch (format) {
      case "uuid" -> "must be a UUID";
      case "int32", "int64" -> "is out of range";
      case "email" -> "must be an email address";
      case "date-time" -> "must be an ISO-8601 date-time";
      default -> "must be in the format " + format;
    };
  }

  private static String describe(String jsonType) {
    return switch (jsonType) {
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "string" -> "a string";
      case "boolean" -> "true or false";
      case "array" -> "an array";
      case "object" -> "an object";
      default -> "of type " + jsonType;
    };
  }

  private static String after(String text, String marker) {
    int at = text.lastIndexOf(marker);
    return at < 0 ? text : text.substring(at + marker.length()).strip();
  }

  private static String quoted(String text) {
    int start = text.indexOf('"');
    int end = text.indexOf('"', start + 1);
    return start < 0 || end < 0 ? "" : text.substring(start + 1, end);
  }

  /** The limit in "String is too long (201 > 200)". */
  private static String bound(String text) {
    String tail = after(text, " ");
    return tail.endsWith(")") ? tail.substring(0, tail.length() - 1) : tail;
  }
}
