package dev.atelier.gateway.edge;

import dev.atelier.runtime.ops.HealthCheck;
import dev.atelier.runtime.ops.Metrics;
import dev.atelier.runtime.redis.RedisClients;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, one atomic script per take: one EVALSHA round trip per request, and the
 * script text only when Redis lost it (restart, SCRIPT FLUSH).
 * <p>Fails open: rate limiting protects the service, it is not worth refusing traffic over, so a
 * Redis failure or a reply slower than {@code redis.timeoutMillis} allows the request, counts
 * {@code atelier.rate.limit.fail.open}, and marks the limiter degraded until Redis answers again.
 * While degraded only one take at a time asks Redis (the probe); the others are allowed at once,
 * so an outage costs no request a timeout.
 */
public final class RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
  private static final String SCRIPT_RESOURCE = "token-bucket.lua";
  private static final byte[] SCRIPT = readScript();
  private static final byte[] SCRIPT_SHA = sha1Hex(SCRIPT);
  private static final byte[] ONE_KEY = {'1'};

  private final Redis redis;
  private final String keyPrefix;
  private final long timeoutMillis;
  private final Counter failOpen;
  // the limits are a handful of config records: their arguments are encoded once, not per request
  private final Map<RateLimit, byte[][]> encodedLimits = new ConcurrentHashMap<>();
  private final AtomicBoolean degraded = new AtomicBoolean();
  private final AtomicBoolean probing = new AtomicBoolean();

  public RateLimiter(Redis redis, Duration timeout) {
    this(redis, timeout, "");
  }

  /** {@code keyPrefix}: put before every bucket's key, so deployments (or test runs) sharing a Redis stay apart. */
  public RateLimiter(Redis redis, Duration timeout, String keyPrefix) {
    this.keyPrefix = keyPrefix;
    this.redis = redis;
    this.timeoutMillis = timeout.toMillis();
    this.failOpen = Counter.builder("atelier.rate.limit.fail.open")
        .description("requests allowed without a rate-limit check because Redis failed or was slow")
        .register(Metrics.registry());
  }

  /** A limiter on a Redis client of its own, from {@code redis.*} config. */
  public static RateLimiter create(Vertx vertx, JsonObject config) {
    return new RateLimiter(RedisClients.create(vertx, config), Duration.ofMillis(RedisClients.timeoutMillis(config)),
        config.getJsonObject("rateLimit").getString("keyPrefix"));
  }

  /** Takes one token from bucket {@code key}; never fails (a Redis failure allows the request). */
  public Future<RateDecision> take(String key, RateLimit limit) {
    return lease(key, limit, 1).map(RateLease::decision);
  }

  /**
   * Takes up to {@code count} tokens at once (at least one when allowed), for a gateway to spend
   * locally; never fails. A fail-open answer grants none, so the next request asks again.
   */
  public Future<RateLease> lease(String key, RateLimit limit, int count) {
    boolean probe = false;
    if (degraded.get()) {
      if (!probing.compareAndSet(false, true)) {
        failOpen.increment();
        return Future.succeededFuture(new RateLease(RateDecision.failOpen(limit), 0));
      }
      probe = true;
    }
    boolean isProbe = probe;
    byte[][] args = encodedLimits.computeIfAbsent(limit, RateLimiter::encode);
    return run(keyPrefix.isEmpty() ? key : keyPrefix + key, args, count)
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .transform(ar -> {
          if (isProbe) {
            probing.set(false);
          }
          if (ar.succeeded()) {
            try {
              RateDecision decision = decision(ar.result(), limit);
              recovered();
              return Future.succeededFuture(new RateLease(decision, decision.allowed() ? ar.result().get(4).toInteger() : 0));
            } catch (RuntimeException e) {
              return Future.succeededFuture(new RateLease(failedOpen(limit, e), 0));
            }
          }
          return Future.succeededFuture(new RateLease(failedOpen(limit, ar.cause()), 0));
        });
  }

  /** Closes this limiter's Redis client (the verticle that made it is going away). */
  public void close() {
    redis.close();
  }

  /** True while the last attempt to reach Redis failed: limits are not enforced. */
  public boolean degraded() {
    return degraded.get();
  }

  /** A non-critical check for {@code /health/ready}: DOWN (so the node reports DEGRADED) while limits fail open. */
  public HealthCheck healthCheck() {
    // a degraded limiter recovers on the next request that reaches Redis; the probe also asks, so
    // readiness comes back on a quiet node too
    return new HealthCheck("rate-limits", false, () -> !degraded.get() ? Future.succeededFuture()
        : redis.send(Request.cmd(Command.PING)).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .<Void>transform(ar -> {
              if (ar.succeeded()) {
                recovered();
                return Future.succeededFuture();
              }
              return Future.failedFuture("Redis unreachable: rate limits are not enforced (failing open)");
            }));
  }

  private Future<Response> run(String key, byte[][] limitArgs, int count) {
    byte[] countArg = count == 1 ? ONE_KEY : Integer.toString(count).getBytes(StandardCharsets.US_ASCII);
    return redis.send(request(Command.EVALSHA, SCRIPT_SHA, key, limitArgs, countArg))
        .recover(e -> isNoScript(e)
            // EVAL also caches the script, so the next EVALSHA finds it again
            ? redis.send(request(Command.EVAL, SCRIPT, key, limitArgs, countArg))
            : Future.failedFuture(e));
  }

  private static Request request(Command command, byte[] script, String key, byte[][] limitArgs, byte[] count) {
    return Request.cmd(command).arg(script).arg(ONE_KEY).arg(key).arg(limitArgs[0]).arg(limitArgs[1]).arg(count);
  }

  private static RateDecision decision(Response r, RateLimit limit) {
    // {allowed, whole tokens left, ms to the next token, ms until full}; see token-bucket.lua
    boolean allowed = r.get(0).toInteger() == 1;
    int remaining = r.get(1).toInteger();
    long retryAfter = allowed ? 0 : Math.max(1, ceilSeconds(r.get(2).toLong()));
    return new RateDecision(allowed, limit.burst(), remaining, ceilSeconds(r.get(3).toLong()), retryAfter);
  }

  private RateDecision failedOpen(RateLimit limit, Throwable cause) {
    failOpen.increment();
    if (degraded.compareAndSet(false, true)) {
      log.warn("rate limits are not enforced until Redis answers again: {}", String.valueOf(cause.getMessage()));
    }
    return RateDecision.failOpen(limit);
  }

  private void recovered() {
    if (degraded.compareAndSet(true, false)) {
      log.info("Redis answers again: rate limits are enforced");
    }
  }

  private static long ceilSeconds(long millis) {
    return (millis + 999) / 1000;
  }

  private static boolean isNoScript(Throwable e) {
    return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
  }

  private static byte[][] encode(RateLimit limit) {
    return new byte[][] {
        Double.toString(limit.ratePerSecond()).getBytes(StandardCharsets.US_ASCII),
        Integer.toString(limit.burst()).getBytes(StandardCharsets.US_ASCII)};
  }

  private static byte[] readScript() {
    try (InputStream in = RateLimiter.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT_RESOURCE + " is not on the classpath next to RateLimiter");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha1Hex(byte[] script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(script);
      return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
