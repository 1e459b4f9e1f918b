package dev.atelier.gateway.edge;

/** What a lease from a bucket decided, and how many tokens it took for the gateway to spend locally. */
public record RateLease(RateDecision decision, int granted) {}
