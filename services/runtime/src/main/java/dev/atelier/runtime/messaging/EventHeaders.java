package dev.atelier.runtime.messaging;

/**
 * AMQP application headers the relay sets on every event, beside the standard properties
 * ({@code message-id} = envelope id, {@code type} = event type, {@code correlation-id}). Consumers read
 * tracing from here without parsing the body; the body is the {@code EventEnvelope} JSON.
 */
public final class EventHeaders {
  public static final String CORRELATION_ID = "correlationId";
  public static final String CAUSATION_ID = "causationId";
  public static final String AGGREGATE_ID = "aggregateId";
  public static final String VERSION = "version";

  private EventHeaders() {}
}
