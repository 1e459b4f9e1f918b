package dev.atelier.runtime.messaging;

import dev.atelier.codecs.platform.EventEnvelope;

/**
 * An event as a consumer's handler sees it: the envelope (id, tracing, aggregate), its payload
 * read into the topic's record, and which retry this delivery is (0 the first time).
 */
public record Received<E>(EventEnvelope envelope, E payload, int attempt) {
  /** The causation id for events this one causes: its own id. */
  public String causationId() {
    return envelope.id().toString();
  }
}
