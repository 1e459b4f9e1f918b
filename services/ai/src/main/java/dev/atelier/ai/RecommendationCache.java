package dev.atelier.ai;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.ai.GetRecommendations;
import dev.atelier.codecs.ai.Recommendations;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The model's hot answers in Redis ({@code ai:reco:{productId}:{limit}}) for a short TTL, dropped
 * when the product changes. Only model answers are kept: the local index answers fast anyway, and a
 * cached fallback would hide a recovered model. Redis trouble never fails a request: a read error is
 * a miss, a write error is skipped.
 */
final class RecommendationCache {
  private final RedisAPI redis;
  private final Duration ttl;

  RecommendationCache(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  static String key(UUID productId, int limit) {
    return "ai:reco:" + productId + ":" + limit;
  }

  Future<Recommendations> get(UUID productId, int limit) {
    if (ttl.isZero()) {
      return Future.succeededFuture();
    }
    return redis.get(key(productId, limit))
        .map(v -> v == null ? null : ContractJson.fromBytes(v.toBuffer().getBytes(), Recommendations.class))
        .otherwiseEmpty();
  }

  Future<Void> put(UUID productId, int limit, Recommendations answer) {
    if (ttl.isZero()) {
      return Future.succeededFuture();
    }
    return redis.set(List.of(key(productId, limit), ContractJson.toText(answer), "PX", String.valueOf(ttl.toMillis())))
        .<Void>mapEmpty().otherwiseEmpty();
  }

  /** Drops every cached answer about {@code productId} (each limit is its own key). */
  Future<Void> invalidate(UUID productId) {
    var keys = new ArrayList<String>(GetRecommendations.MAX_LIMIT);
    for (int limit = 1; limit <= GetRecommendations.MAX_LIMIT; limit++) {
      keys.add(key(productId, limit));
    }
    return redis.del(keys).mapEmpty();
  }
}
