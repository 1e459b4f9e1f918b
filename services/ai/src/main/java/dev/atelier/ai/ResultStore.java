package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Where generated results live, by key ({@code generations/<job id>.png}). The default keeps them on
 * the local filesystem (FileResultStore); a cluster whose workers run on other machines than the API
 * points every node at shared storage, or swaps in an object store behind this interface.
 */
interface ResultStore {
  Future<Void> put(String key, Buffer data);

  /** The stored bytes, or null when nothing is stored under {@code key}. */
  Future<Buffer> get(String key);
}
