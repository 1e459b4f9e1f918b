package dev.atelier.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** A Redis server this JVM owns (embedded-redis ships the binary); a cache, so it keeps nothing on disk. */
public final class EmbeddedRedisServer implements AutoCloseable {
  private final RedisServer redis;
  private final int port;

  private EmbeddedRedisServer(RedisServer redis, int port) {
    this.redis = redis;
    this.port = port;
  }

  public static EmbeddedRedisServer start(Path dir, int port) {
    try {
      Files.createDirectories(dir);
      Path pidFile = dir.resolve("redis.pid");
      Orphans.stopLeftover(pidFile, "redis");
      Orphans.requireFreePort(port, "Redis", "ATELIER_EMBEDDED_REDIS_PORT");
      RedisServer redis = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("pidfile " + pidFile.toAbsolutePath())
          .build();
      redis.start();
      return new EmbeddedRedisServer(redis, port);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Redis did not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public void stop() {
    try {
      redis.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts it again on the same port, as after a crash or an operator's restart. */
  public void restart() {
    try {
      redis.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
