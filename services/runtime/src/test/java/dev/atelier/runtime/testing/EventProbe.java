package dev.atelier.runtime.testing;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.runtime.messaging.BrokerNames;
import dev.atelier.runtime.messaging.Topology;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Lets a test wait for an event on the broker instead of counting outbox rows: a queue of its own
 * (exclusive, gone with the probe) bound to the platform's events exchange with the given keys,
 * which records every envelope that arrives.
 *
 * <pre>{@code
 * try (var probe = EventProbe.start(vertx, config, "product.*")) {
 *   ... create a product ...
 *   ProductCreated created = probe.await(CatalogApi.PRODUCT_CREATED, e -> e.product().id().equals(id));
 * }
 * }</pre>
 */
public final class EventProbe implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final RabbitMQClient client;
  private final List<EventEnvelope> received = new CopyOnWriteArrayList<>();

  private EventProbe(RabbitMQClient client) {
    this.client = client;
  }

  /** Bound to the exchange and broker of {@code config} (the platform under test). */
  public static EventProbe start(Vertx vertx, io.vertx.core.json.JsonObject config, String... bindingKeys) {
    return start(vertx, config.getJsonObject("amqp").getString("url"), BrokerNames.from(config).exchange(), bindingKeys);
  }

  /** Bound to the default exchange, {@value Topology#EVENTS}. */
  public static EventProbe start(Vertx vertx, String amqpUrl, String... bindingKeys) {
    return start(vertx, amqpUrl, Topology.EVENTS, bindingKeys);
  }

  public static EventProbe start(Vertx vertx, String amqpUrl, String exchange, String... bindingKeys) {
    var client = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(amqpUrl).setReconnectAttempts(0));
    var probe = new EventProbe(client);
    Await.result(client.start()
        .compose(v -> Topology.declareEvents(client, exchange))
        .compose(v -> client.queueDeclare("", false, true, true))
        .compose(ok -> {
          String queue = ok.getQueue();
          Future<Void> bound = Future.succeededFuture();
          for (String key : bindingKeys) {
            bound = bound.compose(v -> client.queueBind(queue, exchange, key));
          }
          return bound.compose(v -> client.basicConsumer(queue, new QueueOptions().setAutoAck(true)));
        })
        .map(consumer -> consumer.handler(m -> probe.received.add(
            ContractJson.fromBytes(m.body().getBytes(), EventEnvelope.class)))));
    return probe;
  }

  /** The first event of {@code topic} whose payload matches, waiting up to 20 s for it. */
  public <E> E await(Topic<E> topic, Predicate<E> matches) {
    return payload(topic, awaitEnvelope(topic, matches));
  }

  /** The same, answering the whole envelope (id, correlation, aggregate). */
  public <E> EventEnvelope awaitEnvelope(Topic<E> topic, Predicate<E> matches) {
    EventEnvelope[] found = new EventEnvelope[1];
    Await.until(WAIT, "a " + topic.type() + " event on the broker", () -> {
      for (EventEnvelope e : received) {
        if (e.type().equals(topic.type()) && matches.test(payload(topic, e))) {
          found[0] = e;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Every envelope so far, in arrival order. */
  public List<EventEnvelope> received() {
    return List.copyOf(received);
  }

  private static <E> E payload(Topic<E> topic, EventEnvelope e) {
    return ContractJson.mapper().convertValue(e.payload(), topic.eventType());
  }

  @Override
  public void close() {
    Await.result(client.stop());
  }
}
