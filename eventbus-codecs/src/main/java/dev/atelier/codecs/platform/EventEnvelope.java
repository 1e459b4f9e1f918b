package dev.atelier.codecs.platform;

import static dev.atelier.codecs.Checks.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.codecs.Failure;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels on RabbitMQ for every domain event (API.md, "Domain events"): the outbox row's
 * identity and tracing, with the event record's JSON as {@code payload}. The routing key is
 * {@code type}; {@code id} is the message id consumers deduplicate on. {@code correlationId} and
 * {@code causationId} may be absent (an event no request caused, a first event of a chain).
 */
public record EventEnvelope(UUID id, String type, int version, Instant occurredAt, String correlationId,
                            String causationId, UUID aggregateId, JsonNode payload) {
  public EventEnvelope {
    required("id", id);
    required("type", type);
    required("occurredAt", occurredAt);
    required("aggregateId", aggregateId);
    required("payload", payload);
    if (version < 1) {
      throw Failure.invalid("version", "must be at least 1");
    }
  }
}
