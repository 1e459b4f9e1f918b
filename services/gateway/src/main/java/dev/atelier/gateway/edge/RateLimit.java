package dev.atelier.gateway.edge;

/**
 * A token bucket's shape: it holds at most {@code burst} tokens, refills at {@code ratePerSecond}
 * (fractions allowed: 20 a minute is 0.333), and each request takes one.
 */
public record RateLimit(double ratePerSecond, int burst) {
  public RateLimit {
    // a zero rate would never refill and divides by zero in the script's arithmetic
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be a positive number, was " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
  }
}
