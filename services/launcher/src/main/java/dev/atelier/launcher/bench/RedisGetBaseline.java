package dev.atelier.launcher.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/**
 * Benchmark baseline, the floor cost of any cache hit: one verticle that answers
 * {@code GET /api/products/{id}} with the bytes of a Redis {@code GET product:{id}}, nothing else.
 * {@code RedisGetBaseline <port> <redis-url> <instances> <pool-size>}
 */
public final class RedisGetBaseline extends VerticleBase {
  private static final String PREFIX = "/api/products/";
  private final int port;
  private final String redisUrl;
  private final int poolSize;

  RedisGetBaseline(int port, String redisUrl, int poolSize) {
    this.port = port;
    this.redisUrl = redisUrl;
    this.poolSize = poolSize;
  }

  @Override
  public Future<?> start() {
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
        .setMaxPoolSize(poolSize).setMaxPoolWaiting(2048).setMaxWaitingHandlers(2048)));
    return vertx.createHttpServer().requestHandler(req -> {
      String id = req.path().startsWith(PREFIX) ? req.path().substring(PREFIX.length()) : "";
      redis.get("product:" + id).onComplete(ar -> {
        if (ar.failed()) {
          req.response().setStatusCode(503).end();
        } else if (ar.result() == null) {
          req.response().setStatusCode(404).end();
        } else {
          req.response().putHeader("Content-Type", "application/json").end(ar.result().toBuffer());
        }
      });
    }).listen(port);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int instances = Integer.parseInt(args[2]);
    int pool = Integer.parseInt(args[3]);
    Vertx.vertx().deployVerticle(() -> new RedisGetBaseline(port, args[1], pool), new DeploymentOptions().setInstances(instances))
        .toCompletionStage().toCompletableFuture().get();
    System.err.println("redis-get baseline on :" + port);
  }
}
