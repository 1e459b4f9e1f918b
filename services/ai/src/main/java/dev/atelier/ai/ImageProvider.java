package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Makes a job's image: the PNG bytes, or a failure the worker retries. */
interface ImageProvider {
  Future<Buffer> render(GenerationJob job);
}
