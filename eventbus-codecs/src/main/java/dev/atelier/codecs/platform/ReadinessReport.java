package dev.atelier.codecs.platform;

/** A service that answers is ready; {@code degraded} names what it serves without (e.g. "redis"). */
public record ReadinessReport(String service, String degraded) {}
