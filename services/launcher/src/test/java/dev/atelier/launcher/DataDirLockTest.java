package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("a second start on the same data directory is refused, naming the running pid")
  void secondStartRefused() {
    try (var first = DataDirLock.acquire(dir)) {
      assertThatThrownBy(() -> DataDirLock.acquire(dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already running")
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
    DataDirLock.acquire(dir).close();
  }

  @Test
  @DisplayName("--fresh wipes everything but the lock")
  void wipe() throws Exception {
    Files.createDirectories(dir.resolve("postgres/base"));
    Files.writeString(dir.resolve("postgres/base/1"), "x");
    Files.writeString(dir.resolve("dev-jwt.secret"), "s");
    try (var lock = DataDirLock.acquire(dir)) {
      lock.wipeOthers();
    }
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("atelier.lock");
    }
  }
}
