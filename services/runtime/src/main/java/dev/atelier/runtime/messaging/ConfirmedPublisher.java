package dev.atelier.runtime.messaging;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection of its own for messages a consumer or an operator sends on (retries, dead letters,
 * replays): each publish completes once the broker confirmed it. It connects on first use and
 * again after a failure; a publish that fails is the caller's to handle (nothing is acked before).
 * Use it from one Vert.x context.
 */
public final class ConfirmedPublisher {
  private final Vertx vertx;
  private final RabbitMQOptions options;
  private final Duration confirmTimeout;
  private RabbitMQClient client;
  private Future<RabbitMQClient> connecting;
  private boolean closed;

  public ConfirmedPublisher(Vertx vertx, RabbitMQOptions options, Duration confirmTimeout) {
    this.vertx = vertx;
    this.options = new RabbitMQOptions(options).setAutomaticRecoveryEnabled(false).setReconnectAttempts(0);
    this.confirmTimeout = confirmTimeout;
  }

  public Future<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties, Buffer body) {
    long timeout = confirmTimeout.toMillis();
    return connected().compose(c -> c.basicPublish(exchange, routingKey, properties, body)
        .compose(v -> c.waitForConfirms(timeout))
        .timeout(timeout + 1000, TimeUnit.MILLISECONDS)
        .onFailure(e -> drop(c)));
  }

  /** The number of ready messages in {@code queue}, asked on this connection (a missing queue closes its channel). */
  public Future<Long> messageCount(String queue) {
    return connected().compose(c -> c.messageCount(queue).onFailure(e -> drop(c)));
  }

  public Future<Void> close() {
    closed = true;
    RabbitMQClient c = client;
    client = null;
    return c == null ? Future.succeededFuture() : c.stop().otherwiseEmpty();
  }

  private Future<RabbitMQClient> connected() {
    if (closed) {
      return Future.failedFuture("publisher closed");
    }
    if (client != null && client.isConnected() && client.isOpenChannel()) {
      return Future.succeededFuture(client);
    }
    if (connecting != null) {
      return connecting;
    }
    RabbitMQClient stale = client;
    client = null;
    Future<Void> gone = stale == null ? Future.succeededFuture() : stale.stop().otherwiseEmpty();
    RabbitMQClient fresh = RabbitMQClient.create(vertx, options);
    connecting = gone.compose(v -> fresh.start())
        .compose(v -> fresh.confirmSelect())
        .timeout(options.getConnectionTimeout() + confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .map(fresh)
        .onComplete(ar -> {
          connecting = null;
          if (ar.succeeded() && !closed) {
            client = fresh;
          } else {
            fresh.stop();
          }
        });
    return connecting;
  }

  private void drop(RabbitMQClient c) {
    if (client == c) {
      client = null;
      c.stop();
    }
  }
}
