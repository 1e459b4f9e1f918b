package dev.atelier.runtime.messaging;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A parked message: what failed on which queue, how often and why, with everything needed to
 * send it back (headers and the body as it arrived).
 */
public record DeadLetter(UUID id, String queue, String routingKey, String type, String messageId, String correlationId,
                         int attempts, String lastError, JsonObject headers, byte[] body, Instant parkedAt) {}
