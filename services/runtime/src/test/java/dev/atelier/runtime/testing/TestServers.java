package dev.atelier.runtime.testing;

import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.embedded.EmbeddedAmqpBroker;
import dev.atelier.embedded.EmbeddedPostgresServer;
import dev.atelier.embedded.EmbeddedRedisServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The real servers ITs run against: this machine's PostgreSQL (127.0.0.1:5432), Redis
 * (127.0.0.1:6379) and RabbitMQ (127.0.0.1:5672, guest/guest) when they answer, else embedded
 * ones started once per test JVM.
 * {@code ATELIER_TEST_EMBEDDED=true} forces the embedded path, so both can be proven.
 */
public final class TestServers {
  private static final boolean FORCE_EMBEDDED = Boolean.parseBoolean(System.getenv("ATELIER_TEST_EMBEDDED"));
  private static final List<AutoCloseable> SERVERS = new ArrayList<>();
  private static final List<Path> DIRS = new ArrayList<>();
  private static String pgHostPort;
  private static String redisUrl;
  private static String amqpUrl;
  private static EmbeddedAmqpBroker embeddedAmqp;

  static {
    // one hook, so the servers stop before their directories go
    Runtime.getRuntime().addShutdownHook(new Thread(TestServers::cleanUp, "test-servers-cleanup"));
  }

  private TestServers() {}

  /** A fresh database of its own for one IT class; close() drops it. */
  public static TestDatabase newDatabase() {
    String hostPort = pgHostPort();
    String name = "atelier_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = admin(hostPort); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
    }
    return new TestDatabase(hostPort, name);
  }

  public static synchronized String redisUrl() {
    if (redisUrl == null) {
      if (!FORCE_EMBEDDED && reachable(6379)) {
        redisUrl = "redis://127.0.0.1:6379";
      } else {
        var server = EmbeddedRedisServer.start(tempDir("redis"), freePort());
        SERVERS.add(server);
        redisUrl = server.url();
      }
    }
    return redisUrl;
  }

  /** This machine's RabbitMQ when it answers (and embedded servers are not forced), else {@link #embeddedAmqpUrl()}. */
  public static synchronized String amqpUrl() {
    if (amqpUrl == null) {
      amqpUrl = !FORCE_EMBEDDED && reachable(5672) ? "amqp://guest:guest@127.0.0.1:5672" : embeddedAmqpUrl();
    }
    return amqpUrl;
  }

  /** The embedded AMQP broker (Qpid Broker-J), started once per test JVM, whatever else answers. */
  public static synchronized String embeddedAmqpUrl() {
    if (embeddedAmqp == null) {
      embeddedAmqp = EmbeddedAmqpBroker.start(tempDir("amqp"), freePort());
      SERVERS.add(embeddedAmqp);
    }
    return embeddedAmqp.url();
  }

  /** Whether this machine's RabbitMQ answers on 127.0.0.1:5672. */
  public static boolean localRabbitMq() {
    return reachable(5672);
  }

  /** The defaults with this database, Redis, port 0, one instance of each verticle and a fresh data dir. */
  public static JsonObject config(TestDatabase db) {
    return config(db.url(), redisUrl());
  }

  /** The same, against servers a test owns (one it stops and starts, say). */
  public static JsonObject config(String pgUrl, String redisUrl) {
    JsonObject c = AtelierConfig.defaults();
    c.getJsonObject("pg").put("url", pgUrl);
    c.getJsonObject("redis").put("url", redisUrl);
    c.getJsonObject("amqp").put("url", amqpUrl());
    c.getJsonObject("http").put("port", 0).put("host", "127.0.0.1");
    c.getJsonObject("gateway").put("instances", 1);
    c.getJsonObject("catalog").put("instances", 1);
    c.getJsonObject("users").put("instances", 1);
    // one instance each: a platform per test class must leave room on a shared PostgreSQL
    // (max_connections 100 here) for the next one starting and for the tests' own connections
    for (String service : new String[] {"orders", "payments", "ai"}) {
      JsonObject section = c.getJsonObject(service);
      if (section != null) {
        section.put("instances", 1);
      }
    }
    // rate-limit buckets, an events exchange and queues of their own: the local Redis and RabbitMQ
    // are shared by every test JVM on the machine, and by every platform a test JVM starts
    String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
    c.getJsonObject("rateLimit").put("keyPrefix", run + ":");
    c.getJsonObject("messaging").put("exchange", "atelier.events." + run).put("queuePrefix", run + ".");
    // signing keys are made here, never in the source tree's ./data
    c.put("dataDir", tempDir("data").toString());
    return c;
  }

  public static int freePort() {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A directory deleted when the test JVM exits, after the servers in it stopped. */
  public static synchronized Path tempDir(String what) {
    try {
      Path dir = Files.createTempDirectory("atelier-it-" + what);
      DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where PostgreSQL binaries unpack once and stay, shared by test runs (about 60 MB). */
  public static Path pgBinaries() {
    return Path.of(System.getProperty("java.io.tmpdir"), "atelier-pg-bin");
  }

  private static synchronized void cleanUp() {
    for (AutoCloseable server : SERVERS) {
      try {
        server.close();
      } catch (Exception ignored) {
        // the JVM is exiting; nothing more to do for it
      }
    }
    for (Path dir : DIRS) {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  static Connection admin(String hostPort) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/postgres", "postgres", null);
  }

  private static synchronized String pgHostPort() {
    if (pgHostPort == null) {
      if (!FORCE_EMBEDDED && reachable(5432)) {
        pgHostPort = "127.0.0.1:5432";
      } else {
        var server = EmbeddedPostgresServer.start(tempDir("pg"), pgBinaries(), freePort());
        SERVERS.add(server);
        pgHostPort = "127.0.0.1:" + server.port();
      }
    }
    return pgHostPort;
  }

  static boolean reachable(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
