package dev.atelier.gateway.edge;

import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets in one gateway instance's memory: the stand-in for Redis for limits that must not
 * fail open (credentials). Per instance, so a node with n gateway instances allows up to n times
 * the limit while Redis is away, which is still a limit. Used on one event loop only.
 */
final class LocalBuckets {
  private final int maxEntries;
  private final Map<String, double[]> buckets = new HashMap<>();  // {tokens, lastNanos}

  LocalBuckets(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  RateDecision take(String key, RateLimit limit) {
    long now = System.nanoTime();
    double[] b = buckets.get(key);
    if (b == null) {
      if (buckets.size() >= maxEntries) {
        dropFull(now);
      }
      b = new double[] {limit.burst(), now};
      buckets.put(key, b);
    }
    b[0] = Math.min(limit.burst(), b[0] + (now - b[1]) / 1e9 * limit.ratePerSecond());
    b[1] = now;
    long resetSeconds = (long) Math.ceil((limit.burst() - b[0]) / limit.ratePerSecond());
    if (b[0] < 1) {
      long retry = Math.max(1, (long) Math.ceil((1 - b[0]) / limit.ratePerSecond()));
      return new RateDecision(false, limit.burst(), 0, resetSeconds, retry);
    }
    b[0] -= 1;
    return new RateDecision(true, limit.burst(), (int) Math.floor(b[0]), resetSeconds, 0);
  }

  /** Forgets buckets idle for an hour (refilled long since: they hold no information). */
  void dropFull(long nowNanos) {
    buckets.values().removeIf(b -> b[1] < nowNanos - 3_600_000_000_000L);
    if (buckets.size() >= maxEntries) {
      buckets.clear();
    }
  }
}
