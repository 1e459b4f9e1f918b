package dev.atelier.runtime.redis;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Redis clients from {@code redis.*} config. */
public final class RedisClients {
  private RedisClients() {}

  public static Redis create(Vertx vertx, JsonObject config) {
    JsonObject r = config.getJsonObject("redis");
    String url = r.getString("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("ATELIER_REDIS_URL (redis.url) is not set and no embedded server was started");
    }
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(url)
        // each command holds a pooled connection until its reply: the pool bounds the reads in flight
        .setMaxPoolSize(r.getInteger("poolSize"))
        .setMaxPoolWaiting(r.getInteger("maxWaiting"))
        .setMaxWaitingHandlers(r.getInteger("maxWaiting"))
        // a dead server must cost a short wait, not the 60 s default connect timeout
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(Math.max(500, 4 * r.getInteger("timeoutMillis")))
            .setTcpNoDelay(true)));
  }

  public static int timeoutMillis(JsonObject config) {
    return config.getJsonObject("redis").getInteger("timeoutMillis");
  }
}
