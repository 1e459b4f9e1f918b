package dev.atelier.runtime.messaging;

import java.time.Duration;

/** Reconnect waits shared by the relay and the consumers: doubling from a base, capped. */
final class Backoff {
  /**
   * The longest wait between two reconnect attempts, however many failed: short enough that a
   * broker back from a restart is found within seconds, long enough not to hammer one that is not.
   */
  static final Duration MAX = Duration.ofSeconds(5);

  private Backoff() {}

  /** The wait before attempt {@code failures} (1, 2, ...). */
  static Duration delay(Duration base, int failures) {
    long b = base.toMillis();
    long d = b << Math.min(Math.max(failures - 1, 0), 16);
    return Duration.ofMillis(Math.min(d, Math.max(b, MAX.toMillis())));
  }
}
