package dev.atelier.runtime.messaging;

import java.util.Map;

/**
 * AMQP application headers. The relay sets the tracing ones on every event, beside the standard
 * properties ({@code message-id} = envelope id, {@code type} = event type, {@code correlation-id});
 * consumers read tracing from here without parsing the body (the {@code EventEnvelope} JSON). The
 * {@code x-} ones are the consumers' retry bookkeeping: attempts are counted in a header of our own,
 * never in {@code x-death} or {@code x-delivery-count}, which only RabbitMQ sets.
 */
public final class EventHeaders {
  public static final String CORRELATION_ID = "correlationId";
  public static final String CAUSATION_ID = "causationId";
  public static final String AGGREGATE_ID = "aggregateId";
  public static final String VERSION = "version";

  /** How many retries this delivery is (0 for the first delivery). */
  public static final String ATTEMPT = "x-attempt";
  /** On a retried or dead-lettered message: why its last delivery failed. */
  public static final String LAST_ERROR = "x-last-error";
  /** The routing key the event was first published with. */
  public static final String ORIGINAL_ROUTING_KEY = "x-original-routing-key";
  /** On a dead letter: the work queue it failed on (where a replay sends it). */
  public static final String QUEUE = "x-queue";
  /** On a dead letter: how many deliveries failed (the first plus the retries). */
  public static final String ATTEMPTS = "x-attempts";
  /** On a dead letter: its id in the dead-letter store, so parking a redelivery twice is a no-op. */
  public static final String DEAD_LETTER_ID = "x-dead-letter-id";
  /** On a replayed message: the dead letter it came from. */
  public static final String REPLAYED_FROM = "x-replayed-from";

  private EventHeaders() {}

  /** A header as text (brokers hand strings back as {@code LongString}), or null. */
  public static String text(Map<String, Object> headers, String name) {
    Object v = headers == null ? null : headers.get(name);
    return v == null ? null : v.toString();
  }

  /** A header as a number, or {@code fallback} when absent or not a number. */
  public static int number(Map<String, Object> headers, String name, int fallback) {
    Object v = headers == null ? null : headers.get(name);
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return v == null ? fallback : Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
