package dev.atelier.runtime.db;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;

/** Where PostgreSQL is, read from {@code pg.url} ({@code postgresql://user:pass@host:port/db}). */
public record PgSettings(String host, int port, String database, String user, String password,
                         int connectTimeoutMillis, int acquireTimeoutMillis, int idleTimeoutSeconds) {
  public static PgSettings from(JsonObject config) {
    JsonObject pg = config.getJsonObject("pg");
    String url = pg.getString("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("ATELIER_PG_URL (pg.url) is not set and no embedded server was started");
    }
    PgConnectOptions o = PgConnectOptions.fromUri(url.replaceFirst("^postgres://", "postgresql://"));
    return new PgSettings(o.getHost(), o.getPort(), o.getDatabase(), o.getUser(), o.getPassword(),
        pg.getInteger("connectTimeoutMillis"), pg.getInteger("acquireTimeoutMillis"), pg.getInteger("idleTimeoutSeconds"));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database
        + "?connectTimeout=" + Math.max(1, connectTimeoutMillis / 1000);
  }

  /** The URL with the password masked, for logs. */
  public String safeUrl() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  public static String url(String host, int port, String database, String user, String password) {
    String auth = password == null || password.isEmpty() ? user : user + ":" + password;
    return URI.create("postgresql://" + auth + "@" + host + ":" + port + "/" + database).toString();
  }

  @Override
  public String toString() {
    return safeUrl();
  }
}
