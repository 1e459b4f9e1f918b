package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Results as files under {@code ai.storage.dir} (default {@code <dataDir>/ai}), through Vert.x's
 * asynchronous file system. A result is written to a temporary name and moved into place, so a
 * reader never sees half a file, and a worker that dies mid-write leaves no result behind.
 */
final class FileResultStore implements ResultStore {
  private final FileSystem fs;
  private final Path root;

  FileResultStore(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  @Override
  public Future<Void> put(String key, Buffer data) {
    Path target = resolve(key);
    Path partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
    return fs.mkdirs(target.getParent().toString())
        .compose(v -> fs.writeFile(partial.toString(), data))
        .compose(v -> fs.move(partial.toString(), target.toString(), new CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
        .recover(e -> fs.delete(partial.toString()).otherwiseEmpty().compose(v -> Future.failedFuture(e)));
  }

  @Override
  public Future<Buffer> get(String key) {
    String file = resolve(key).toString();
    return fs.exists(file).compose(exists -> exists ? fs.readFile(file) : Future.succeededFuture());
  }

  // keys are made by this service, but a path that climbs out of the root is refused all the same
  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("storage key outside the store: " + key);
    }
    return p;
  }
}
