package dev.atelier.codecs.platform;

import dev.atelier.codecs.Address;

/**
 * The readiness ping every service answers on {@code <service>.readiness.check}; the gateway's
 * {@code /health/ready} asks each service it routes to.
 */
public final class Readiness {
  private Readiness() {}

  /** UNAVAILABLE when the service's critical dependency is down (or it is not running), TIMEOUT. */
  public static Address<ReadinessCheck, ReadinessReport> address(String service) {
    return Address.of(service + ".readiness.check", ReadinessCheck.class, ReadinessReport.class);
  }
}
