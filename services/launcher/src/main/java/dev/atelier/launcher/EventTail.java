package dev.atelier.launcher;

import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.messaging.BrokerNames;
import dev.atelier.runtime.messaging.Topology;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * {@code scripts/events [binding-key...]}: prints each domain event as it reaches the broker, one
 * JSON envelope per line, from a queue of its own (exclusive, gone when it stops) bound to the
 * events exchange ({@code messaging.exchange}) with the keys given ({@code #}: all). It reads the node's config, so with
 * no {@code ATELIER_AMQP_URL} it listens on the embedded broker a local {@code scripts/start} runs.
 */
public final class EventTail {
  private EventTail() {}

  public static void main(String[] args) {
    JsonObject config = AtelierConfig.load();
    String url = config.getJsonObject("amqp").getString("url");
    if (url == null || url.isBlank()) {
      url = "amqp://guest:guest@127.0.0.1:" + config.getJsonObject("embedded").getInteger("amqpPort");
    }
    String[] keys = args.length == 0 ? new String[] {"#"} : args;
    String exchange = BrokerNames.from(config).exchange();
    Vertx vertx = Vertx.vertx();
    RabbitMQClient client = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(url).setReconnectAttempts(0));
    client.start()
        .compose(v -> Topology.declareEvents(client, exchange))
        .compose(v -> client.queueDeclare("", false, true, true))
        .compose(ok -> {
          Future<Void> bound = Future.succeededFuture();
          for (String key : keys) {
            bound = bound.compose(v -> client.queueBind(ok.getQueue(), exchange, key));
          }
          return bound.compose(v -> client.basicConsumer(ok.getQueue(), new QueueOptions().setAutoAck(true)));
        })
        .onSuccess(consumer -> {
          System.err.println("listening on " + exchange + " for " + String.join(" ", keys) + " (Ctrl-C stops)");
          consumer.handler(m -> System.out.println(m.body().toString()));
          consumer.endHandler(v -> System.exit(1));
        })
        .onFailure(e -> {
          System.err.println("cannot listen: " + e.getMessage());
          System.exit(1);
        });
  }
}
