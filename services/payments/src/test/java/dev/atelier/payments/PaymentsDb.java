package dev.atelier.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.runtime.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain JDBC on an IT's database, beside the service: what is stored, and the raw SQL the database must refuse. */
final class PaymentsDb {
  private final TestDatabase db;

  PaymentsDb(TestDatabase db) {
    this.db = db;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
  }

  long count(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  String text(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  List<String> column(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Every query of invariants/payments.sql returns no row. */
  void assertInvariantsHold() {
    try (Connection c = connect()) {
      for (Map.Entry<String, String> check : InvariantQueries.load().entrySet()) {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(check.getValue())) {
          List<String> violations = new ArrayList<>();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
            }
            violations.add(row.toString().strip());
          }
          assertThat(violations).as("invariant " + check.getKey()).isEmpty();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s;
  }
}
