package dev.atelier.launcher;

import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.service.ServiceModule;
import dev.atelier.runtime.service.ServiceModules;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/check-invariants}: runs every invariant query the modules ship
 * ({@code invariants/<service>.sql}) and the saga's cross-service ones ({@code invariants/saga.sql})
 * against the platform's database, read-only, and prints what breaks them. Exit status 0 when all
 * hold, 1 when one does not. Meant for a quiet platform: a saga in flight is not yet consistent.
 */
public final class InvariantCheck {
  /** One broken rule: its name and a few of the rows that break it. */
  public record Violation(String rule, List<String> rows) {}

  /** One rule: its name and the query that returns the rows breaking it. */
  public record Rule(String name, String sql) {}

  public static void main(String[] args) throws Exception {
    JsonObject config = AtelierConfig.load();
    String url = config.getJsonObject("pg").getString("url");
    if (url == null || url.isBlank()) {
      url = "postgresql://postgres@127.0.0.1:" + config.getJsonObject("embedded").getInteger("pgPort") + "/atelier";
      config.getJsonObject("pg").put("url", url);
    }
    List<Rule> rules = rules();
    List<Violation> violations = check(PgSettings.from(config), rules);
    for (Rule r : rules) {
      Violation v = violations.stream().filter(x -> x.rule().equals(r.name())).findFirst().orElse(null);
      System.out.println((v == null ? "ok    " : "BROKEN") + "  " + r.name());
      if (v != null) {
        v.rows().forEach(row -> System.out.println("          " + row));
      }
    }
    System.out.println(violations.isEmpty() ? "all " + rules.size() + " invariants hold"
        : violations.size() + " of " + rules.size() + " invariants broken");
    System.exit(violations.isEmpty() ? 0 : 1);
  }

  /** Every rule the modules on the class path ship, then the saga's. */
  public static List<Rule> rules() throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (ServiceModule m : ServiceModules.discover()) {
      rules.addAll(parse(m.getClass().getClassLoader(), "invariants/" + m.name() + ".sql"));
    }
    rules.addAll(parse(InvariantCheck.class.getClassLoader(), "invariants/saga.sql"));
    return rules;
  }

  /** The rules broken now. A rule naming a table that does not exist fails the check (a silent pass would hide a typo). */
  public static List<Violation> check(PgSettings pg, List<Rule> rules) throws SQLException {
    List<Violation> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
      c.setReadOnly(true);
      // one snapshot for every rule: rows moving between two queries must not look like a violation
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      for (Rule r : rules) {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(r.sql())) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next() && rows.size() < 20) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(i > 1 ? ", " : "").append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i));
            }
            rows.add(row.toString());
          }
        } catch (SQLException e) {
          throw new SQLException("invariant '" + r.name() + "' cannot run: " + e.getMessage(), e.getSQLState(), e);
        }
        if (!rows.isEmpty()) {
          out.add(new Violation(r.name(), rows));
        }
      }
      c.rollback();
    }
    return out;
  }

  static List<Rule> parse(ClassLoader loader, String resource) throws IOException {
    List<Rule> rules = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return rules;
      }
      String name = null;
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("-- name:")) {
          add(rules, name, sql);
          name = line.substring("-- name:".length()).strip();
          sql.setLength(0);
        } else if (name != null && !line.startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      add(rules, name, sql);
    }
    return rules;
  }

  private static void add(List<Rule> rules, String name, StringBuilder sql) {
    String query = sql.toString().strip();
    if (name != null && !query.isEmpty()) {
      rules.add(new Rule(name, query.endsWith(";") ? query.substring(0, query.length() - 1) : query));
    }
  }
}
