package dev.atelier.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on the data directory, held while the platform runs, so a second start on the
 * same data cannot corrupt it. The OS frees the lock when the process dies, even after kill -9.
 */
final class DataDirLock implements AutoCloseable {
  private static final String LOCK_FILE = "atelier.lock";
  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or an IllegalStateException naming the running process. */
  static DataDirLock acquire(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve(LOCK_FILE);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file).strip();
        channel.close();
        throw new IllegalStateException("Atelier is already running on data directory " + dataDir.toAbsolutePath()
            + (holder.isEmpty() ? "" : " (pid " + holder + ")")
            + ". Stop it first, or give this one its own ATELIER_DATA_DIR and ports.");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      return new DataDirLock(dataDir, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes everything in the data directory but the lock file itself. */
  void wipeOthers() {
    try (var entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().equals(LOCK_FILE)) {
          deleteTree(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the process is going away; the OS drops the lock anyway
    }
  }
}
