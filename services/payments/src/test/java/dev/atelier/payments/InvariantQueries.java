package dev.atelier.payments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** invariants/payments.sql read as name -> query, as scripts/check-invariants reads it. */
final class InvariantQueries {
  static final String RESOURCE = "invariants/payments.sql";

  private InvariantQueries() {}

  static Map<String, String> load() {
    String text;
    try (var in = InvariantQueries.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> queries = new LinkedHashMap<>();
    String name = null;
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("-- name:")) {
        name = line.substring("-- name:".length()).strip();
        sql.setLength(0);
      } else if (name != null && !line.startsWith("--")) {
        sql.append(line).append('\n');
        if (line.strip().endsWith(";")) {
          String query = sql.toString().strip();
          queries.put(name, query.substring(0, query.length() - 1));
          name = null;
        }
      }
    }
    return queries;
  }
}
