package dev.atelier.gateway.edge;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Spends rate-limit tokens leased from Redis in small batches, so a busy bucket costs one Redis
 * round trip per batch rather than per request (the product read would otherwise pay two Redis
 * calls for one). A lease is a twentieth of a second's worth of the bucket's rate, at most a tenth
 * of its burst, and lapses after {@code ttl}: a caller can exceed its limit by at most one unspent
 * lease per gateway instance, and a slow caller (under 20/s) still asks Redis for every token.
 * One instance per gateway verticle, used on its event loop only.
 */
public final class RateLeases {
  private static final int MAX_ENTRIES = 100_000;
  private final RateLimiter limiter;
  private final long ttlNanos;
  private final Map<String, Lease> leases = new HashMap<>();
  private final LocalBuckets local = new LocalBuckets(MAX_ENTRIES);

  private static final class Lease {
    int left;
    final int remainingAtLease;
    final long resetSeconds;
    final long expiresAt;

    Lease(int left, int remainingAtLease, long resetSeconds, long expiresAt) {
      this.left = left;
      this.remainingAtLease = remainingAtLease;
      this.resetSeconds = resetSeconds;
      this.expiresAt = expiresAt;
    }
  }

  public RateLeases(RateLimiter limiter, Duration ttl) {
    this.limiter = limiter;
    this.ttlNanos = ttl.toNanos();
  }

  /** Takes one token for {@code key}: from this instance's lease when it has one, else from Redis. */
  public Future<RateDecision> take(String key, RateLimit limit) {
    return take(key, limit, false);
  }

  /**
   * The same; a {@code strict} limit (credentials: login, register, refresh) does not fail open when
   * Redis is away but falls back to a bucket in this instance's memory, so a slow Redis never opens
   * the door to password guessing. Other limits fail open: they protect capacity, not accounts.
   */
  public Future<RateDecision> take(String key, RateLimit limit, boolean strict) {
    long now = System.nanoTime();
    Lease lease = leases.get(key);
    if (lease != null && lease.left > 0 && now - lease.expiresAt < 0) {
      lease.left--;
      return Future.succeededFuture(new RateDecision(true, limit.burst(), lease.remainingAtLease + lease.left,
          lease.resetSeconds, 0));
    }
    int size = leaseSize(limit);
    return limiter.lease(key, limit, size).map(taken -> {
      RateDecision d = taken.decision();
      if (strict && d.allowed() && taken.granted() == 0) {
        return local.take(key, limit);  // failed open: fall back to memory
      }
      if (taken.granted() > 1) {
        if (leases.size() >= MAX_ENTRIES) {
          dropExpired(System.nanoTime());
        }
        Lease current = leases.get(key);
        // requests that missed together each leased: keep every unspent token, not just the last lease's
        int spare = taken.granted() - 1 + (current != null && System.nanoTime() - current.expiresAt < 0 ? current.left : 0);
        leases.put(key, new Lease(spare, d.remaining(), d.resetSeconds(), now + ttlNanos));
        return new RateDecision(true, d.limit(), d.remaining() + spare, d.resetSeconds(), 0);
      }
      if (!d.allowed()) {
        Lease current = leases.get(key);
        if (current != null && current.left > 0 && System.nanoTime() - current.expiresAt < 0) {
          // a lease another request took meanwhile still has tokens: spend one of those
          current.left--;
          return new RateDecision(true, limit.burst(), current.remainingAtLease + current.left, current.resetSeconds, 0);
        }
      }
      return d;
    });
  }

  /** Forgets lapsed leases; the verticle calls it now and then so idle callers leave nothing behind. */
  public void dropExpired(long nowNanos) {
    local.dropFull(nowNanos);
    leases.values().removeIf(l -> nowNanos - l.expiresAt >= 0 || l.left == 0);
    if (leases.size() >= MAX_ENTRIES) {
      // a flood of distinct callers: forgetting leases only costs Redis calls, never correctness
      leases.clear();
    }
  }

  public void dropExpired() {
    dropExpired(System.nanoTime());
  }

  static int leaseSize(RateLimit limit) {
    int byRate = (int) Math.floor(limit.ratePerSecond() / 20);
    int byBurst = Math.max(1, limit.burst() / 10);
    return Math.max(1, Math.min(byRate, byBurst));
  }
}
