package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/** The provider that needs no outside service: ProductCard on a worker thread. */
final class LocalImageProvider implements ImageProvider {
  private final Vertx vertx;

  LocalImageProvider(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Buffer> render(GenerationJob job) {
    return vertx.executeBlocking(() -> Buffer.buffer(ProductCard.png(job)), false);
  }
}
