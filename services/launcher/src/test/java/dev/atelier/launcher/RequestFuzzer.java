package dev.atelier.launcher;

import dev.atelier.runtime.http.ApiRoute;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Makes malformed and mutated requests for a route from its declaration: bodies shaped after the
 * route's record with values of the wrong type, out of range, unicode, missing or extra fields,
 * broken JSON; odd path parameters, query strings, methods and headers. Seeded, so a failure can
 * be replayed.
 */
final class RequestFuzzer {
  record FuzzRequest(String method, String path, String contentType, String authorization, String idempotencyKey,
                     String body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
      return method + " " + path + " [" + contentType + "] " + shown;
    }
  }

  private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"};
  private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "text/plain",
      "application/x-www-form-urlencoded", "application/json;;", "", "application/merge-patch+json"};
  private static final String[] STRANGE = {"", " ", "\u0000", "\u202e\u202d", "💥🔥", "' OR 1=1 --", "<script>",
      "%00", "../../etc/passwd", "null", "NaN", "-1", "1e309", "99999999999999999999999", "\uD800", "a".repeat(3000),
      "Ω≈ç√", "\\", "\"", "{}", "[]"};
  private final Random random;
  private final List<String> tokens;

  /** {@code tokens}: valid access tokens to send sometimes, so routes past auth are fuzzed too. */
  RequestFuzzer(long seed, List<String> tokens) {
    this.random = new Random(seed);
    this.tokens = tokens;
  }

  FuzzRequest next(List<ApiRoute> routes) {
    ApiRoute route = routes.get(random.nextInt(routes.size()));
    String method = random.nextInt(10) == 0 ? pick(METHODS) : route.method().name();
    String path = random.nextInt(15) == 0 ? randomPath() : fillPath(route.path()) + randomQuery();
    String contentType = random.nextInt(6) == 0 ? pick(CONTENT_TYPES) : "application/json";
    String auth = switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> pick(new String[] {"Bearer", "Bearer ", "Basic abc", "Bearer a.b.c", "bearer " + UUID.randomUUID(),
          "Bearer " + "x".repeat(5000), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."});
      default -> tokens.isEmpty() ? null : "Bearer " + tokens.get(random.nextInt(tokens.size()));
    };
    String key = random.nextInt(4) == 0 ? null : random.nextInt(8) == 0 ? pick(STRANGE) : UUID.randomUUID().toString();
    String body = route.takesBody() || random.nextInt(8) == 0 ? body(route.bodyType()) : null;
    return new FuzzRequest(method, path, contentType, auth, key, body);
  }

  private String body(Class<?> type) {
    return switch (random.nextInt(8)) {
      case 0 -> pick(new String[] {"{", "{\"a\":", "[]", "null", "42", "\"text\"", "{}}", "{\"a\":1,\"a\":2}", "",
          "{\"a\":1}garbage", "\u0000", "[".repeat(5000), "{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}"});
      default -> object(type, 0).toString();
    };
  }

  private StringBuilder object(Class<?> type, int depth) {
    var sb = new StringBuilder("{");
    List<RecordComponent> fields = type != null && type.isRecord() ? List.of(type.getRecordComponents()) : List.of();
    boolean first = true;
    for (RecordComponent c : fields) {
      if (random.nextInt(6) == 0) {
        continue;  // a missing field
      }
      first = comma(sb, first);
      sb.append('"').append(c.getName()).append("\":").append(value(c.getType(), c.getGenericType(), depth));
    }
    if (random.nextInt(5) == 0) {
      first = comma(sb, first);
      sb.append('"').append(pick(new String[] {"id", "ownerId", "merchantId", "role", "status", "version", "admin",
          "__proto__", "extra"})).append("\":").append(randomScalar());
    }
    return sb.append('}');
  }

  private String value(Class<?> type, Type generic, int depth) {
    if (random.nextInt(4) == 0) {
      return randomScalar();  // the wrong type, often
    }
    if (type == String.class) {
      return quote(random.nextBoolean() ? "ok " + random.nextInt(1000) : pick(STRANGE));
    }
    if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
      return pick(new String[] {"0", "1", "-1", "4900", "2147483648", "9223372036854775808", "1.5", "-0", "1e3"});
    }
    if (type == boolean.class || type == Boolean.class) {
      return random.nextBoolean() ? "true" : "\"true\"";
    }
    if (type == UUID.class) {
      return quote(random.nextBoolean() ? UUID.randomUUID().toString() : pick(STRANGE));
    }
    if (List.class.isAssignableFrom(type) && depth < 3) {
      Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
      Class<?> elementClass = element instanceof Class<?> k ? k : String.class;
      var items = new ArrayList<String>();
      int n = random.nextInt(8) == 0 ? 200 : random.nextInt(4);
      for (int i = 0; i < n; i++) {
        items.add(value(elementClass, elementClass, depth + 1));
      }
      return "[" + String.join(",", items) + "]";
    }
    if (type.isRecord() && depth < 3) {
      return object(type, depth + 1).toString();
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return quote(random.nextBoolean() ? constants[random.nextInt(constants.length)].toString().toLowerCase() : pick(STRANGE));
    }
    return randomScalar();
  }

  private String randomScalar() {
    return pick(new String[] {"null", "true", "0", "-1", "1e400", "\"\"", "\"x\"", "[]", "{}", "[1,2]",
        quote(pick(STRANGE)), "123456789012345678901234567890"});
  }

  private String fillPath(String template) {
    var out = new StringBuilder();
    for (String segment : template.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      out.append('/');
      if (segment.startsWith(":")) {
        out.append(switch (random.nextInt(5)) {
          case 0, 1 -> UUID.randomUUID().toString();
          case 2 -> encode(pick(STRANGE));
          case 3 -> "00000000-0000-0000-0000-00000000000" + random.nextInt(10);
          default -> encode(UUID.randomUUID() + pick(new String[] {"x", "%20", "/..", ";a=b"}));
        });
      } else {
        out.append(segment);
      }
    }
    return out.toString();
  }

  private String randomQuery() {
    if (random.nextInt(3) > 0) {
      return "";
    }
    String name = pick(new String[] {"limit", "cursor", "tag", "merchantId", "fields", "include", "x", "limit[]"});
    String value = pick(new String[] {"1000", "-5", "abc", "id,name", "id,secret", "variants", "%00", "%ZZ",
        encode(pick(STRANGE)), "", UUID.randomUUID().toString(), "eyJ" + "A".repeat(300)});
    return "?" + name + "=" + value + (random.nextBoolean() ? "&" + name + "=" + value : "");
  }

  private String randomPath() {
    return pick(new String[] {"/", "/api", "/api/", "/api/products/", "//api//products", "/api/products/%2e%2e/x",
        "/api/%00", "/.well-known/", "/api/products/" + "a".repeat(2000), "/health/../metrics", "/api/users/me/x",
        "/api/auth/", "/api/products?" + "x=1&".repeat(500), "/%F0%9F%92%A5"});
  }

  private static boolean comma(StringBuilder sb, boolean first) {
    if (!first) {
      sb.append(',');
    }
    return false;
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String quote(String s) {
    var sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
