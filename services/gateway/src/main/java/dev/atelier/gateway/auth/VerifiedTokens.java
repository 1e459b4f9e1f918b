package dev.atelier.gateway.auth;

import dev.atelier.runtime.auth.VerifiedToken;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens this gateway instance verified lately, by their exact text: a client sends the same access
 * token for its whole lifetime, and an RS256 check (about 50 µs) on every request would cost the
 * authenticated read a large share of its throughput. Only the signature and claims check is
 * skipped; expiry is checked on every use, and the same bytes always verify the same way while the
 * key set is unchanged (it changes only at a restart). Least recently used entries go first.
 * One per gateway verticle, used on its event loop only.
 */
final class VerifiedTokens {
  private final int capacity;
  private final Clock clock;
  private final Map<String, VerifiedToken> recent;

  VerifiedTokens(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
    this.recent = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, VerifiedToken> eldest) {
        return size() > VerifiedTokens.this.capacity;
      }
    };
  }

  /** The token's earlier verification while it has not expired, else null (and it is forgotten). */
  VerifiedToken get(String token) {
    VerifiedToken v = recent.get(token);
    if (v != null && !clock.instant().isBefore(v.expiresAt())) {
      recent.remove(token);
      return null;
    }
    return v;
  }

  void put(String token, VerifiedToken verified) {
    recent.put(token, verified);
  }
}
