package dev.atelier.runtime.testing;

import java.sql.Connection;
import java.sql.SQLException;

/** A database created for one IT class, dropped by close() even if connections linger. */
public final class TestDatabase implements AutoCloseable {
  private final String hostPort;
  private final String name;

  TestDatabase(String hostPort, String name) {
    this.hostPort = hostPort;
    this.name = name;
  }

  public String url() {
    return "postgresql://postgres@" + hostPort + "/" + name;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostPort + "/" + name;
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    try (Connection c = TestServers.admin(hostPort); var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + name + ": " + e.getMessage(), e);
    }
  }
}
