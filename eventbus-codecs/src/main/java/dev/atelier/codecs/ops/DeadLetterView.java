package dev.atelier.codecs.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A parked message as operators see it: the queue it failed on, its event type, how many
 * deliveries failed and the last error, and its payload (the message body: the event envelope
 * as JSON, or the raw text when it was not JSON).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeadLetterView(UUID id, String queue, String routingKey, String type, String messageId, String correlationId,
                             int attempts, String lastError, JsonNode payload, Instant parkedAt) {}
