package dev.atelier.launcher.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark baseline, the HTTP ceiling: a bare Vert.x handler that answers every request with a
 * constant product JSON of the size ours sends. {@code BareHttpBaseline <port> <json-file> <instances>}
 */
public final class BareHttpBaseline extends VerticleBase {
  private final int port;
  private final Buffer body;

  BareHttpBaseline(int port, Buffer body) {
    this.port = port;
    this.body = body;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("Content-Type", "application/json").end(body)).listen(port);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
    int instances = Integer.parseInt(args[2]);
    Vertx.vertx().deployVerticle(() -> new BareHttpBaseline(port, body), new DeploymentOptions().setInstances(instances))
        .toCompletionStage().toCompletableFuture().get();
    System.err.println("bare-http baseline on :" + port);
  }
}
