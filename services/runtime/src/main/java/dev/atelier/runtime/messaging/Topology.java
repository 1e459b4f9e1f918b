package dev.atelier.runtime.messaging;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;

/**
 * Declares the broker objects from code, idempotently, on every (re)connect. Every queue gets the
 * union of RabbitMQ's and Qpid's arguments for one behaviour (../shared/notes/embedded-servers.md,
 * "Portable recipe"): each broker ignores the other's, so one topology works on both.
 */
public final class Topology {
  /** The topic exchange every domain event is published to; routing key = event type. */
  public static final String EVENTS = "atelier.events";

  private Topology() {}

  /** The events exchange of {@code exchange}'s name: a durable topic exchange. */
  public static Future<Void> declareEvents(RabbitMQClient client, String exchange) {
    return client.exchangeDeclare(exchange, "topic", true, false);
  }

  /** The exchange, {@code queue}'s work queue and bindings, its retry queues and its dead letters. */
  public static Future<Void> declare(RabbitMQClient client, EventQueue queue) {
    Future<Void> done = declareEvents(client, queue.exchange())
        .compose(v -> client.exchangeDeclare(queue.deadExchange(), "fanout", true, false))
        .compose(v -> client.queueDeclare(queue.deadLetterQueue(), true, false, false).mapEmpty())
        .compose(v -> client.queueBind(queue.deadLetterQueue(), queue.deadExchange(), ""))
        .compose(v -> client.exchangeDeclare(queue.requeueExchange(), "fanout", true, false))
        .compose(v -> client.queueDeclare(queue.name(), true, false, false, workArguments(queue)).mapEmpty())
        .compose(v -> client.queueBind(queue.name(), queue.requeueExchange(), ""));
    for (String key : queue.routingKeys()) {
      done = done.compose(v -> client.queueBind(queue.name(), queue.exchange(), key));
    }
    for (int attempt = 1; attempt <= queue.retries(); attempt++) {
      int n = attempt;
      long ttl = queue.retryDelays().get(n - 1).toMillis();
      done = done
          .compose(v -> client.exchangeDeclare(queue.retryExchange(n), "fanout", true, false))
          .compose(v -> client.queueDeclare(queue.retryQueue(n), true, false, false, retryArguments(queue, ttl)).mapEmpty())
          .compose(v -> client.queueBind(queue.retryQueue(n), queue.retryExchange(n), ""));
    }
    return done;
  }

  /** A rejected message (nack without requeue) goes to the dead letters, on both brokers. */
  static JsonObject workArguments(EventQueue queue) {
    return new JsonObject()
        .put("x-dead-letter-exchange", queue.deadExchange())      // RabbitMQ
        .put("alternateExchange", queue.deadExchange())           // Qpid
        .put("x-qpid-maximum-delivery-count", 1);                 // Qpid: else requeue=false requeues
  }

  /** No consumers: after {@code ttl} ms a message expires back into the work queue, routing key kept. */
  static JsonObject retryArguments(EventQueue queue, long ttl) {
    return new JsonObject()
        .put("x-message-ttl", ttl)                                // RabbitMQ
        .put("x-dead-letter-exchange", queue.requeueExchange())
        .put("maximumMessageTtl", ttl)                            // Qpid
        .put("expiryPolicy", "ROUTE_TO_ALTERNATE")
        .put("alternateExchange", queue.requeueExchange());
  }
}
