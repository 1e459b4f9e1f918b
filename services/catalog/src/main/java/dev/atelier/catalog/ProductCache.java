package dev.atelier.catalog;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache-aside on {@code product:{id}}, holding {@code <version>:<CachedProduct payload>}. A write leaves a
 * tombstone {@code <version>:} instead of deleting, and every store goes through one script that
 * refuses to replace a newer version: a read that loaded the row before an update cannot put the
 * old product back after the update evicted it.
 * <p>Redis is optional for correctness: every call runs behind a circuit breaker with a short
 * timeout and falls back to "miss", so a dead Redis costs one fast failure, not a timeout per
 * request. Evictions that fail are kept and retried until Redis answers again.
 */
final class ProductCache {
  private static final Logger log = LoggerFactory.getLogger(ProductCache.class);
  // KEYS[1] key; ARGV[1] version, ARGV[2] payload ('' for a tombstone), ARGV[3] ttl ms
  static final String PUT_IF_NEWER = """
      local cur = redis.call('GET', KEYS[1])
      if cur then
        local v = tonumber(string.match(cur, '^(%d+):'))
        if v and v > tonumber(ARGV[1]) then return 0 end
      end
      redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'PX', ARGV[3])
      return 1""";
  private static final String PUT_SHA = sha1(PUT_IF_NEWER);

  private final RedisAPI redis;
  private final CircuitBreaker breaker;
  private final String ttlMillis;
  private final Map<UUID, Long> pendingEvictions = new ConcurrentHashMap<>();

  ProductCache(Vertx vertx, RedisAPI redis, CatalogConfig config) {
    this.redis = redis;
    this.ttlMillis = Long.toString(config.cacheTtl().toMillis());
    this.breaker = CircuitBreaker.create("redis-product-cache", vertx, new CircuitBreakerOptions()
        .setMaxFailures(config.breakerMaxFailures())
        .setTimeout(config.redisTimeout().toMillis())
        .setResetTimeout(config.breakerReset().toMillis()));
  }

  static String key(UUID id) {
    return "product:" + id;
  }

  /** The cached product, or null on a miss, a tombstone or a Redis failure. */
  Future<CachedProduct> get(UUID id) {
    return breaker.<Response>execute(() -> redis.get(key(id)))
        .map(r -> r == null ? null : CachedProduct.parse(r.toBuffer().getBytes()))
        .otherwise((CachedProduct) null);
  }

  /** Stores {@code product} unless a newer version is there; never fails. */
  Future<Void> put(CachedProduct product, UUID id) {
    return putIfNewer(id, product.version(), product.payload()).otherwiseEmpty();
  }

  /** Replaces the entry with a tombstone of {@code version}; retried in the background if Redis is down. */
  Future<Void> evict(UUID id, long version) {
    return putIfNewer(id, version, "").onFailure(e -> {
      pendingEvictions.merge(id, version, Math::max);
      log.warn("cache eviction of product {} failed ({}); will retry", id, e.getMessage());
    }).otherwiseEmpty();
  }

  /** Retries evictions that failed while Redis was down; called by a periodic timer. */
  void retryPendingEvictions() {
    for (var e : pendingEvictions.entrySet()) {
      putIfNewer(e.getKey(), e.getValue(), "").onSuccess(v -> pendingEvictions.remove(e.getKey(), e.getValue()));
    }
  }

  int pendingEvictions() {
    return pendingEvictions.size();
  }

  private Future<Void> putIfNewer(UUID id, long version, String payload) {
    List<String> args = List.of(PUT_SHA, "1", key(id), Long.toString(version), payload, ttlMillis);
    return breaker.<Response>execute(() -> redis.evalsha(args).recover(e -> isNoScript(e)
            ? redis.eval(List.of(PUT_IF_NEWER, "1", key(id), Long.toString(version), payload, ttlMillis))
            : Future.failedFuture(e)))
        .mapEmpty();
  }

  private static boolean isNoScript(Throwable e) {
    return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
