package dev.atelier.gateway.auth;

import dev.atelier.runtime.auth.TokenRejected;
import dev.atelier.runtime.auth.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Remembers the access tokens one gateway verticle has verified, so a client sending the same token
 * again skips the JWT parse and the RS256 check (about 50 µs, most of what a token adds to a cached
 * product read). Sound because verification depends only on the token string, the node's keys
 * (fixed until a restart) and time: a remembered token is refused once its exp plus the allowed
 * clock skew has passed, exactly when the verifier would refuse it (and it is then handed to the
 * verifier again, so the refusal and its reason are the verifier's). nbf and iat can only become
 * more true as time passes. The key is the whole token string, so a token differing in any
 * character is verified afresh; only accepted tokens are remembered, so a refused one is checked
 * (and refused) every time. At most {@code maxEntries} tokens, least recently used out first: a
 * flood of distinct valid tokens costs verifications, never memory. Not thread-safe: one instance
 * per gateway verticle, used on its event loop only.
 */
public final class VerifiedTokenCache {
  private final Function<String, VerifiedToken> verifier;
  private final long skewMillis;
  private final Clock clock;
  private final Map<String, Entry> entries;

  private record Entry(VerifiedToken token, long validUntilMillis) {}

  /** {@code verifier} returns the verified token or throws {@link TokenRejected}. */
  public VerifiedTokenCache(Function<String, VerifiedToken> verifier, Duration clockSkew, Clock clock, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.verifier = verifier;
    this.skewMillis = clockSkew.toMillis();
    this.clock = clock;
    this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The verified token, from memory while it is unexpired, else from the verifier (which may throw {@link TokenRejected}). */
  public VerifiedToken verify(String token) {
    Entry e = entries.get(token);
    if (e != null) {
      if (clock.millis() < e.validUntilMillis()) {
        return e.token();
      }
      entries.remove(token);
    }
    VerifiedToken verified = verifier.apply(token);
    entries.put(token, new Entry(verified, verified.expiresAt().toEpochMilli() + skewMillis));
    return verified;
  }

  int size() {
    return entries.size();
  }
}
