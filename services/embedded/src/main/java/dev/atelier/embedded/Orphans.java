package dev.atelier.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up a server process left behind by an earlier run that was killed with SIGKILL (its
 * shutdown hook never ran), found through the pid file it wrote, and checks a port is free.
 */
final class Orphans {
  private static final Logger log = LoggerFactory.getLogger(Orphans.class);

  private Orphans() {}

  /** Stops the process named in the first line of {@code pidFile} if it is still a {@code command}. */
  static void stopLeftover(Path pidFile, String command) {
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        // a pid can be reused after a reboot: only stop it if it is still that server
        .filter(p -> p.info().command().map(c -> c.contains(command)).orElse(false));
    if (process.isPresent()) {
      ProcessHandle p = process.get();
      log.warn("stopping {} (pid {}) left running by an earlier run", command, p.pid());
      p.destroy();
      try {
        p.onExit().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
        p.onExit().join();
      }
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", pidFile, e.getMessage());
    }
  }

  static void requireFreePort(int port, String what, String variable) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " for the embedded " + what
          + " is taken by another process; free it or set " + variable, e);
    }
  }

  static void awaitExit(ProcessHandle p, Duration d) {
    try {
      p.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception ignored) {
      p.destroyForcibly();
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
      return Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
