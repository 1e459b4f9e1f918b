package dev.atelier.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.ops.HealthCheck;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client factory on both brokers the platform runs on: this machine's RabbitMQ (embedded when
 * none answers, or with ATELIER_TEST_EMBEDDED=true) and the embedded Qpid broker the launcher starts.
 */
class AmqpClientsIT {
  private Vertx vertx;

  static Stream<Arguments> brokers() {
    return Stream.of(
        Arguments.of(TestServers.localRabbitMq() ? "local RabbitMQ" : "embedded (no local RabbitMQ)", TestServers.amqpUrl()),
        Arguments.of("embedded", TestServers.embeddedAmqpUrl()));
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void declaresPublishesWithConfirmAndConsumesWithManualAck(String broker, String url) {
    String queue = "atelier.it." + UUID.randomUUID();
    RabbitMQClient client = AmqpClients.create(vertx, config(url, -1));
    HealthCheck health = AmqpClients.healthCheck(client);
    assertThat(health.critical()).isTrue();
    assertThat(health.name()).isEqualTo("amqp");
    assertThat(Await.failure(health.probe().get())).hasMessageContaining("not connected");

    // the queue exists once start() completes: a publish right after it must not race the declaration
    Await.result(AmqpClients.start(client, c -> c.queueDeclare(queue, true, false, false).mapEmpty()));
    RabbitMQConsumer consumer = null;
    try {
      Await.result(health.probe().get());

      var props = new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("m-1").contentType("application/json")
          .headers(Map.of("x-attempt", 1)).build();
      Future<Void> confirmed = client.confirmSelect()
          .compose(v -> client.basicPublish("", queue, props, Buffer.buffer("{\"n\":1}")))
          .compose(v -> client.waitForConfirms(5_000))
          .timeout(10, TimeUnit.SECONDS);
      Await.result(confirmed);

      Promise<RabbitMQMessage> received = Promise.promise();
      consumer = Await.result(client.basicConsumer(queue, new QueueOptions().setAutoAck(false)).map(c -> {
        c.handler(message -> client.basicAck(message.envelope().getDeliveryTag(), false)
            .onComplete(ar -> {
              if (ar.succeeded()) {
                received.tryComplete(message);
              } else {
                received.tryFail(ar.cause());
              }
            }));
        return c;
      }));
      RabbitMQMessage message = Await.result(received.future().timeout(10, TimeUnit.SECONDS));
      assertThat(message.body().toString()).isEqualTo("{\"n\":1}");
      assertThat(message.properties().getMessageId()).isEqualTo("m-1");
      assertThat(message.properties().getHeaders()).containsKey("x-attempt");
      assertThat(message.envelope().isRedeliver()).isFalse();

      // acked: nothing is left for the broker to redeliver
      Await.until(Duration.ofSeconds(10), "the queue to be empty",
          () -> Await.result(client.messageCount(queue)) == 0L);
    } finally {
      // cancelled first, so stopping the client does not leave the consumer's shutdown work to a closed Vert.x
      Future<Void> cancelled = consumer == null ? Future.succeededFuture() : consumer.cancel();
      Await.result(cancelled.recover(e -> Future.succeededFuture())
          .compose(v -> client.queueDelete(queue).mapEmpty().recover(e -> Future.succeededFuture()))
          .compose(v -> client.stop()));
    }
    assertThat(Await.failure(health.probe().get())).hasMessageContaining("not connected");
  }

  @Test
  void startFailsWhenNoBrokerAnswersAndReconnectsAreOff() {
    int closed = TestServers.freePort();
    RabbitMQClient client = AmqpClients.create(vertx, config("amqp://guest:guest@127.0.0.1:" + closed, 0));
    Await.failure(AmqpClients.start(client));
    assertThat(Await.failure(AmqpClients.healthCheck(client).probe().get())).hasMessageContaining("not connected");
  }

  @Test
  void refusesAConfigWithoutUrl() {
    JsonObject config = AtelierConfig.defaults();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AmqpClients.create(vertx, config))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ATELIER_AMQP_URL");
  }

  private static JsonObject config(String url, int reconnectAttempts) {
    JsonObject config = AtelierConfig.defaults();
    config.getJsonObject("amqp").put("url", url).put("reconnectAttempts", reconnectAttempts);
    return config;
  }
}
