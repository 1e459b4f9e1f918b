package dev.atelier.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The broker as any AMQP 0-9-1 client sees it: declare, publish with a confirm, consume and ack. */
class EmbeddedAmqpBrokerIT {

  @Test
  void publishesWithConfirmAndDeliversBack() throws Exception {
    Path dir = Files.createTempDirectory("atelier-amqp-it");
    int port = freePort();
    try (var broker = EmbeddedAmqpBroker.start(dir, port)) {
      assertThat(broker.url()).isEqualTo("amqp://guest:guest@127.0.0.1:" + port);
      var factory = new ConnectionFactory();
      factory.setUri(broker.url());
      factory.setAutomaticRecoveryEnabled(false);
      try (Connection connection = factory.newConnection("embedded-amqp-it")) {
        var channel = connection.createChannel();
        channel.queueDeclare("it.work", true, false, false, Map.of());
        channel.confirmSelect();
        var props = new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("m-1")
            .headers(Map.of("x-attempt", 1)).build();
        channel.basicPublish("", "it.work", props, "hello".getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);

        BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
        channel.basicConsume("it.work", false, new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
              throws IOException {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
            received.add(properties.getMessageId() + ":" + properties.getHeaders().get("x-attempt") + ":"
                + new String(body, StandardCharsets.UTF_8));
          }
        });
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("m-1:1:hello");
      }
    }
    // closed: the port is free again
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }

  /** RabbitMQ's dead-letter and TTL arguments must not close the connection (the IGNORE context setting). */
  @Test
  void acceptsRabbitMqQueueArguments() throws Exception {
    try (var broker = EmbeddedAmqpBroker.start(Files.createTempDirectory("atelier-amqp-it"), freePort())) {
      var factory = new ConnectionFactory();
      factory.setUri(broker.url());
      try (Connection connection = factory.newConnection()) {
        var channel = connection.createChannel();
        channel.exchangeDeclare("it.dlx", "fanout", true);
        channel.queueDeclare("it.delay", true, false, false,
            Map.of("x-message-ttl", 800, "x-dead-letter-exchange", "it.dlx"));
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.queueDeclarePassive("it.delay").getMessageCount()).isZero();
      }
    }
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
