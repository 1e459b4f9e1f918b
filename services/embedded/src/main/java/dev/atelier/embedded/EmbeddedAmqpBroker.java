package dev.atelier.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker in this JVM (Qpid Broker-J, memory store: nothing survives a stop),
 * bound to 127.0.0.1 with the user guest/guest; clients reach its one virtual host as {@code /}
 * (the {@code defaultAlias}). What it does differently from RabbitMQ, and the portable way to
 * declare retries and dead letters on both: ../shared/notes/embedded-servers.md, section 3.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {
  private static final String USER = "guest";
  private static final String PASSWORD = "guest";
  private final SystemLauncher broker;
  private final int port;
  private volatile boolean stopped;

  private EmbeddedAmqpBroker(SystemLauncher broker, int port) {
    this.broker = broker;
    this.port = port;
  }

  /** Starts it on {@code port}; {@code workDir} is the broker's work directory (stays empty with memory stores). */
  public static EmbeddedAmqpBroker start(Path workDir, int port) {
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded AMQP broker: cannot create " + workDir + ": " + e.getMessage(), e);
    }
    Orphans.requireFreePort(port, "AMQP broker", "ATELIER_EMBEDDED_AMQP_PORT");
    URL initialConfig = EmbeddedAmqpBroker.class.getResource("/qpid-embedded.json");
    if (initialConfig == null) {
      throw new IllegalStateException("qpid-embedded.json is missing from the classpath");
    }
    Map<String, Object> context = new HashMap<>();
    context.put("qpid.amqp_port", String.valueOf(port));
    context.put("qpid.user", USER);
    context.put("qpid.password", PASSWORD);
    context.put("qpid.work_dir", workDir.toAbsolutePath().toString());
    context.put("qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}");
    // without it Qpid closes the whole connection on RabbitMQ's x-dead-letter-exchange / x-message-ttl
    // (542 unsupported argument); with it, each broker ignores the other's queue arguments
    context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
    // message TTL (the retry delays) is enforced by housekeeping; its default period is 30 s
    context.put("virtualhost.housekeepingCheckPeriod", "250");
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("type", "Memory");
    attributes.put("startupLoggedToSystemOut", false);
    attributes.put("context", context);
    attributes.put("initialConfigurationLocation", initialConfig.toExternalForm());
    SystemLauncher broker = new SystemLauncher();
    try {
      broker.startup(attributes);
    } catch (Exception e) {
      try {
        broker.shutdown();
      } catch (RuntimeException ignored) {
        // it did not start; nothing more to stop
      }
      throw new IllegalStateException("embedded AMQP broker did not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    return new EmbeddedAmqpBroker(broker, port);
  }

  public int port() {
    return port;
  }

  /** {@code amqp://guest:guest@127.0.0.1:<port>}: the default virtual host, as RabbitMQ's {@code /}. */
  public String url() {
    return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port;
  }

  @Override
  public synchronized void close() {
    if (!stopped) {
      stopped = true;
      broker.shutdown();
    }
  }
}
