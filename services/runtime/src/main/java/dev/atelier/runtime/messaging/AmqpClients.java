package dev.atelier.runtime.messaging;

import dev.atelier.runtime.ops.HealthCheck;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.util.function.Function;

/**
 * RabbitMQ (AMQP 0-9-1) clients from {@code amqp.*} config, for a real RabbitMQ and for the
 * embedded broker alike. Reconnection is Vert.x's (a fixed interval, {@code amqp.reconnectAttempts}
 * times, {@code -1} for ever), never also amqp-client's automatic recovery.
 *
 * <p>vertx-rabbitmq-client 5.0.8 completes {@code start()} before its connection-established
 * callbacks have finished, and swallows their errors (../shared/notes/vertx5.md, section 7):
 * {@link #start} gates on a promise of its own that the callback completes, so nothing is
 * published before the topology exists.
 */
public final class AmqpClients {
  private AmqpClients() {}

  public static RabbitMQOptions options(JsonObject config) {
    JsonObject a = config.getJsonObject("amqp");
    String url = a.getString("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("ATELIER_AMQP_URL (amqp.url) is not set and no embedded broker was started");
    }
    int attempts = a.getInteger("reconnectAttempts");
    return new RabbitMQOptions()
        .setUri(url)
        .setConnectionTimeout(a.getInteger("connectTimeoutMillis"))
        .setAutomaticRecoveryEnabled(false)
        .setReconnectAttempts(attempts < 0 ? Integer.MAX_VALUE : attempts)
        .setReconnectInterval(a.getLong("reconnectIntervalMillis"))
        // a broker that is down when the node starts is waited for like one that went away later
        .setAutomaticRecoveryOnInitialConnection(attempts != 0);
  }

  public static RabbitMQClient create(Vertx vertx, JsonObject config) {
    return RabbitMQClient.create(vertx, options(config));
  }

  /**
   * Starts {@code client}: the future completes once it is connected and {@code onConnect} (declaring
   * the topology, say) succeeded. {@code onConnect} runs again after every reconnect, before the
   * client's consumers are restarted. Call once per client, before anything else on it.
   */
  public static Future<Void> start(RabbitMQClient client, Function<RabbitMQClient, Future<Void>> onConnect) {
    Promise<Void> firstConnect = Promise.promise();
    client.addConnectionEstablishedCallback(done -> {
      Future<Void> result;
      try {
        result = onConnect.apply(client);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        if (ar.succeeded()) {
          done.complete();
          firstConnect.tryComplete();
        } else {
          done.fail(ar.cause());
          firstConnect.tryFail(ar.cause());
        }
      });
    });
    return client.start().compose(v -> firstConnect.future());
  }

  /** Starts {@code client} with nothing to declare on connect. */
  public static Future<Void> start(RabbitMQClient client) {
    return start(client, c -> Future.succeededFuture());
  }

  /**
   * The node's {@code amqp} check: critical, since a broker outage makes the node not ready for
   * writes (API.md). Up while the client's connection and channel are open.
   */
  public static HealthCheck healthCheck(RabbitMQClient client) {
    return new HealthCheck("amqp", true, () -> client.isConnected() && client.isOpenChannel()
        ? Future.succeededFuture()
        : Future.failedFuture("not connected to the AMQP broker"));
  }
}
