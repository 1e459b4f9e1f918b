package dev.atelier.codecs.platform;

/** Asks a service whether it can serve: its own dependencies answer. */
public record ReadinessCheck(String from) {}
