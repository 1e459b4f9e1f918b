package dev.atelier.payments;

import dev.atelier.runtime.messaging.ConsumerSettings;
import dev.atelier.runtime.messaging.EventQueue;
import dev.atelier.runtime.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.util.Set;

/**
 * Deletes what a test run's consumer declared on the broker (its work, retry and dead-letter queues
 * and their exchanges), so a durable per-run queue bound to order.* does not collect every later
 * run's events on this machine's RabbitMQ.
 */
final class BrokerQueues {
  private BrokerQueues() {}

  static void delete(Vertx vertx, JsonObject config, String queue) {
    String name = config.getJsonObject("messaging").getJsonObject("consumer").getString("queuePrefix") + queue;
    var q = new EventQueue(name, Set.of(), ConsumerSettings.from(config).retryDelays());
    var client = RabbitMQClient.create(vertx, new RabbitMQOptions()
        .setUri(config.getJsonObject("amqp").getString("url")).setReconnectAttempts(0));
    Future<Void> done = client.start()
        .compose(v -> client.queueDelete(q.name())).<Void>mapEmpty()
        .compose(v -> client.queueDelete(q.deadLetterQueue())).<Void>mapEmpty()
        .compose(v -> client.exchangeDelete(q.deadExchange()))
        .compose(v -> client.exchangeDelete(q.requeueExchange()));
    for (int n = 1; n <= q.retries(); n++) {
      int attempt = n;
      done = done.compose(v -> client.queueDelete(q.retryQueue(attempt))).<Void>mapEmpty()
          .compose(v -> client.exchangeDelete(q.retryExchange(attempt)));
    }
    Await.result(done.eventually(client::stop));
  }
}
