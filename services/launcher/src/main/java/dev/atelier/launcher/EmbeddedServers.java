package dev.atelier.launcher;

import dev.atelier.embedded.EmbeddedAmqpBroker;
import dev.atelier.embedded.EmbeddedPostgresServer;
import dev.atelier.embedded.EmbeddedRedisServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an embedded server for each of PostgreSQL, Redis and the AMQP broker whose URL is not
 * configured (the broker alongside the other two, which start one after the other), and writes the
 * resolved URLs into the config the verticles get. Stops them in reverse order.
 */
final class EmbeddedServers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
  private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());

  /** Fills {@code pg.url}, {@code redis.url} and {@code amqp.url} in {@code config} for each server it starts. */
  void startMissing(JsonObject config, Path dataDir) {
    JsonObject embedded = config.getJsonObject("embedded");
    var tasks = new ArrayList<CompletableFuture<Void>>();
    JsonObject pg = config.getJsonObject("pg");
    JsonObject redis = config.getJsonObject("redis");
    // Redis, then PostgreSQL, never at once: each writes server binaries and execs them, and a fork
    // made while the other's binary is still open for writing fails with ETXTBSY ("Text file busy",
    // seen in CI). The broker runs inside this JVM, so it starts alongside.
    tasks.add(CompletableFuture.runAsync(() -> {
      if (redis.getString("url").isBlank()) {
        long t0 = System.nanoTime();
        var server = EmbeddedRedisServer.start(dataDir.resolve("redis"), embedded.getInteger("redisPort"));
        started.add(server);
        redis.put("url", server.url());
        log.info("embedded Redis on 127.0.0.1:{} in {} ms", server.port(), ms(t0));
      }
      if (pg.getString("url").isBlank()) {
        long t0 = System.nanoTime();
        var server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), dataDir.resolve("pg-bin"), embedded.getInteger("pgPort"));
        started.add(server);
        pg.put("url", server.url());
        log.info("embedded PostgreSQL on 127.0.0.1:{} (data in {}) in {} ms", server.port(), dataDir.resolve("postgres"), ms(t0));
      }
    }));
    JsonObject amqp = config.getJsonObject("amqp");
    if (amqp.getString("url").isBlank()) {
      tasks.add(CompletableFuture.runAsync(() -> {
        long t0 = System.nanoTime();
        var broker = EmbeddedAmqpBroker.start(dataDir.resolve("amqp"), embedded.getInteger("amqpPort"));
        started.add(broker);
        amqp.put("url", broker.url());
        log.info("embedded AMQP broker (Qpid Broker-J, in memory) on 127.0.0.1:{} in {} ms", broker.port(), ms(t0));
      }));
    }
    try {
      CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      close();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public void close() {
    var servers = new ArrayList<>(started);
    Collections.reverse(servers);
    for (AutoCloseable s : servers) {
      try {
        s.close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", s.getClass().getSimpleName(), e.getMessage());
      }
    }
    started.clear();
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
