package dev.atelier.runtime.messaging;

import com.rabbitmq.client.AMQP;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.internal.VertxInternals;
import dev.atelier.runtime.ops.Correlation;
import dev.atelier.runtime.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one {@link EventQueue} for a service: manual acks, a prefetch from config, and a handler
 * per event type that returns a Future. Each message is recorded in the service's {@code inbox} in
 * the transaction of the handler's effect, so a redelivery has no second effect. A failing message
 * is sent to the next retry queue (delays from config), and after the last retry to the queue's
 * dead letters with its attempts, last error and original routing key in headers; a message that
 * cannot be read goes there at once. This consumer also parks its dead-letter queue into
 * {@link DeadLetterStore}, where operators list and replay it.
 *
 * <p>Connections are this class's own business: a session is one connection with the work and
 * dead-letter consumers on it. A watchdog replaces a session whose connection or channel died
 * (broker restart, a killed connection), with backoff; unacked messages of the old session are
 * redelivered by the broker, and a handler that finishes for an old session is not acked on the new
 * one (its delivery tag would mean nothing there). The Vert.x client's own reconnect stays off: it
 * re-creates a closed channel behind the consumers' back.
 *
 * <pre>{@code
 * EventConsumer.on("ai.catalog-events")
 *     .handle(CatalogApi.PRODUCT_CREATED, (event, tx) -> index.add(tx, event.payload()))
 *     .start(vertx, config, pool);
 * }</pre>
 */
public final class EventConsumer {
  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
  private static final int MAX_ERROR_LENGTH = 1000;

  private record Route<E>(Topic<E> topic, EventHandler<E> handler) {}

  /** Collects the handlers of one queue. */
  public static final class Builder {
    private final String queue;
    private final Map<String, Route<?>> routes = new LinkedHashMap<>();
    private BrokerNames names = BrokerNames.DEFAULT;
    private int prefetch;

    private Builder(String queue) {
      this.queue = queue;
    }

    /** Handles {@code topic}'s events; the queue is bound to its type. */
    public <E> Builder handle(Topic<E> topic, EventHandler<E> handler) {
      if (routes.putIfAbsent(topic.type(), new Route<>(topic, handler)) != null) {
        throw new IllegalArgumentException(queue + " handles " + topic.type() + " twice");
      }
      return this;
    }

    /** Where on the broker: the deployment's exchange and queue prefix (the default ones otherwise). */
    public Builder names(BrokerNames value) {
      names = value;
      return this;
    }

    /**
     * This consumer's own prefetch instead of {@code messaging.consumer.prefetch}: each message in
     * flight holds a pooled connection for its transaction, so a consumer should not take more than
     * its share of the service's pool (else bursts wait out the pool's acquire timeout and retry).
     */
    public Builder prefetch(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("prefetch must be at least 1");
      }
      prefetch = value;
      return this;
    }

    /** Starts with the settings of {@code config} ({@code messaging}, {@code amqp}, {@code pg}). */
    public Future<EventConsumer> start(Vertx vertx, JsonObject config, Pool pool) {
      names = BrokerNames.from(config);
      return start(vertx, pool, PgSettings.from(config), ConsumerSettings.from(config), AmqpClients.options(config),
          Metrics.registry());
    }

    public Future<EventConsumer> start(Vertx vertx, Pool pool, PgSettings pg, ConsumerSettings settings,
                                       RabbitMQOptions amqp, MeterRegistry registry) {
      if (prefetch > 0) {
        settings = settings.withPrefetch(prefetch);
      }
      var eventQueue = new EventQueue(names.exchange(), names.queue(queue), routes.keySet(), settings.retryDelays());
      var consumer = new EventConsumer(vertx, pool, eventQueue, Map.copyOf(routes), settings, amqp, registry);
      return Migrations.run(vertx, pg, DeadLetterStore.SCHEMA).compose(v -> consumer.start());
    }
  }

  public static Builder on(String queue) {
    return new Builder(queue);
  }

  private final Vertx vertx;
  private final Context context;
  private final Pool pool;
  private final EventQueue queue;
  private final Map<String, Route<?>> routes;
  private final ConsumerSettings settings;
  private final RabbitMQOptions amqp;
  private final MeterRegistry registry;
  private final ConfirmedPublisher publisher;
  private final DeadLetterStore deadLetters = new DeadLetterStore();

  private RabbitMQClient session;
  private boolean connecting;
  private boolean stopped;
  private int failures;
  private volatile int sessions;
  private final List<Long> timers = new ArrayList<>();

  private final Counter consumed;
  private final Counter duplicates;
  private final Counter retried;
  private final Counter deadLettered;
  private final Counter parked;
  private final AtomicLong depth = new AtomicLong();
  private final AtomicLong deadDepth = new AtomicLong();
  private final List<io.micrometer.core.instrument.Meter> gauges = new ArrayList<>();

  private EventConsumer(Vertx vertx, Pool pool, EventQueue queue, Map<String, Route<?>> routes, ConsumerSettings settings,
                        RabbitMQOptions amqp, MeterRegistry registry) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.pool = pool;
    this.queue = queue;
    this.routes = routes;
    this.settings = settings;
    this.amqp = new RabbitMQOptions(amqp).setAutomaticRecoveryEnabled(false).setReconnectAttempts(0)
        .setRequestedHeartbeat(10);
    this.registry = registry;
    this.publisher = new ConfirmedPublisher(vertx, amqp, Duration.ofSeconds(5));
    consumed = counter("atelier.events.consumed", "messages handled and acked (duplicates included)");
    duplicates = counter("atelier.events.duplicates", "redelivered messages the inbox had already seen");
    retried = counter("atelier.events.retried", "failed messages sent to a retry queue");
    deadLettered = counter("atelier.events.dead_lettered", "messages sent to the dead letters");
    parked = counter("atelier.events.parked", "dead letters moved into the dead-letter store");
    gauges.add(Gauge.builder("atelier.events.queue.depth", depth, AtomicLong::get)
        .description("ready messages in the queue, sampled").tag("queue", queue.name()).register(registry));
    gauges.add(Gauge.builder("atelier.events.queue.depth", deadDepth, AtomicLong::get)
        .description("ready messages in the queue, sampled").tag("queue", queue.deadLetterQueue()).register(registry));
  }

  public EventQueue queue() {
    return queue;
  }

  /** How many sessions (connections consuming) this consumer has had; more than one means it reconnected. */
  public int sessions() {
    return sessions;
  }

  /** Whether a session is up: connected, consuming. */
  public boolean connected() {
    return session != null && session.isConnected() && session.isOpenChannel();
  }

  /**
   * Completes once the first session consumes (so the queue and its bindings exist), or once the
   * first attempt failed: a broker that is away is waited for in the background, never at deploy.
   */
  private Future<EventConsumer> start() {
    Promise<EventConsumer> first = Promise.promise();
    context.runOnContext(v -> {
      connect().onComplete(ar -> first.tryComplete(this));
      timers.add(vertx.setPeriodic(1000, id -> watch()));
      timers.add(vertx.setPeriodic(settings.depthSampleInterval().toMillis(), id -> sampleDepth()));
      timers.add(vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> Inbox.forget(pool, settings.inboxRetention())
          .onFailure(e -> log.warn("{}: inbox cleanup failed: {}", queue.name(), e.toString()))));
    });
    return first.future();
  }

  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      timers.forEach(vertx::cancelTimer);
      gauges.forEach(registry::remove);
      RabbitMQClient s = session;
      session = null;
      Future.join(s == null ? Future.succeededFuture() : s.stop(), publisher.close())
          .<Void>mapEmpty().otherwiseEmpty().onComplete(done);
    });
    return done.future();
  }

  // ---- sessions

  private Future<Void> connect() {
    if (stopped || connecting) {
      return Future.succeededFuture();
    }
    connecting = true;
    RabbitMQClient client = RabbitMQClient.create(vertx, amqp);
    return client.start()
        .compose(v -> Topology.declare(client, queue))
        .compose(v -> client.basicQos(settings.prefetch()))
        .compose(v -> {
          // the current session before the first delivery: a message handled while the consumers were
          // still being set up was acked against no session, skipped, and held its prefetch slot for
          // good; once every slot was held the queue stalled (MessagingChaosIT, after a cut connection)
          session = client;
          return consume(client, queue.name(), m -> deliver(client, m));
        })
        .compose(v -> consume(client, queue.deadLetterQueue(), m -> park(client, m)))
        .timeout(amqp.getConnectionTimeout() + 10_000L, TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          connecting = false;
          if (ar.succeeded() && !stopped) {
            if (failures > 0) {
              log.info("{}: consuming again after {} failed attempts", queue.name(), failures);
            }
            failures = 0;
            session = client;
            sessions++;
          } else {
            if (session == client) {
              session = null;
            }
            client.stop();
            if (!stopped) {
              failures++;
              Duration delay = settings.reconnectDelay(failures);
              log.warn("{}: cannot consume ({}); again in {} ms", queue.name(),
                  ar.cause() == null ? "stopped" : ar.cause().toString(), delay.toMillis());
              vertx.setTimer(delay.toMillis(), id -> connect());
            }
          }
        }).mapEmpty();
  }

  private Future<Void> consume(RabbitMQClient client, String name, io.vertx.core.Handler<RabbitMQMessage> handler) {
    return client.basicConsumer(name, new QueueOptions().setAutoAck(false)).map(c -> {
      c.handler(handler);
      c.exceptionHandler(e -> lost(client, "consumer of " + name + " failed: " + e));
      // the broker cancels a consumer whose queue was deleted: declare it again on a new session
      c.endHandler(v -> lost(client, "consumer of " + name + " cancelled by the broker"));
      return null;
    });
  }

  private void watch() {
    RabbitMQClient s = session;
    if (s != null && !(s.isConnected() && s.isOpenChannel())) {
      lost(s, "connection closed");
    }
  }

  /** Replaces {@code client}'s session, if it is still the current one. */
  private void lost(RabbitMQClient client, String why) {
    if (stopped || session != client) {
      return;
    }
    log.warn("{}: lost the broker ({}); reconnecting", queue.name(), why);
    session = null;
    client.stop();
    failures = Math.max(failures, 1);
    vertx.setTimer(settings.reconnectDelay(failures).toMillis(), id -> connect());
  }

  private void sampleDepth() {
    if (session == null) {
      return;
    }
    publisher.messageCount(queue.name()).onSuccess(depth::set)
        .compose(v -> publisher.messageCount(queue.deadLetterQueue())).onSuccess(deadDepth::set);
  }

  // ---- one message

  private void deliver(RabbitMQClient client, RabbitMQMessage message) {
    // each message on a context of its own, so its correlation id follows it through its callbacks
    VertxInternals.duplicate(context).runOnContext(v -> {
      try {
        process(client, message);
      } catch (RuntimeException e) {
        // a bug of ours, not of the message: it must not sit unacked for ever; a new session redelivers it
        log.error("{}: delivery {} failed unexpectedly", queue.name(), message.properties().getMessageId(), e);
        lost(client, "unexpected " + e);
      }
    });
  }

  private void process(RabbitMQClient client, RabbitMQMessage message) {
    Map<String, Object> headers = headers(message);
    int attempt = EventHeaders.number(headers, EventHeaders.ATTEMPT, 0);
    EventEnvelope envelope;
    try {
      envelope = ContractJson.fromBytes(message.body().getBytes(), EventEnvelope.class);
      if (envelope.id() == null || envelope.type() == null) {
        throw new IllegalArgumentException("no id or type");
      }
    } catch (RuntimeException e) {
      Correlation.set(message.properties().getCorrelationId());
      deadLetter(client, message, headers, attempt + 1, "unreadable envelope: " + e.getMessage());
      return;
    }
    Correlation.set(envelope.correlationId());
    Route<?> route = routes.get(envelope.type());
    if (route == null) {
      // bound once and no longer handled (or replayed to the wrong queue): nothing to do here
      log.debug("{}: no handler for {} {}; acked", queue.name(), envelope.type(), envelope.id());
      ack(client, message);
      return;
    }
    handle(client, message, headers, envelope, route, attempt);
  }

  private <E> void handle(RabbitMQClient client, RabbitMQMessage message, Map<String, Object> headers,
                          EventEnvelope envelope, Route<E> route, int attempt) {
    E payload;
    try {
      payload = ContractJson.mapper().treeToValue(envelope.payload(), route.topic().eventType());
      if (payload == null) {
        throw new IllegalArgumentException("no payload");
      }
    } catch (Exception e) {
      deadLetter(client, message, headers, attempt + 1, "unreadable " + envelope.type() + " payload: " + e.getMessage());
      return;
    }
    var received = new Received<>(envelope, payload, attempt);
    pool.withTransaction(tx -> Inbox.claim(tx, queue.name(), envelope.id()).compose(fresh -> {
          if (!fresh) {
            return Future.succeededFuture(false);
          }
          Future<?> effect;
          try {
            effect = route.handler().handle(received, tx);
          } catch (RuntimeException e) {
            effect = Future.failedFuture(e);
          }
          return (effect == null ? Future.succeededFuture() : effect).map(true);
        }))
        .timeout(settings.handlerTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            consumed.increment();
            if (!ar.result()) {
              duplicates.increment();
              log.debug("{}: {} {} already processed; acked", queue.name(), envelope.type(), envelope.id());
            }
            ack(client, message);
          } else {
            failed(client, message, headers, envelope, attempt, ar.cause());
          }
        });
  }

  private void failed(RabbitMQClient client, RabbitMQMessage message, Map<String, Object> headers,
                      EventEnvelope envelope, int attempt, Throwable cause) {
    String error = describe(cause);
    if (attempt >= queue.retries()) {
      log.error("{}: {} {} failed (delivery {} of {}), dead-lettered: {}", queue.name(), envelope.type(), envelope.id(),
          attempt + 1, queue.retries() + 1, error);
      deadLetter(client, message, headers, attempt + 1, error);
      return;
    }
    int next = attempt + 1;
    log.warn("{}: {} {} failed (delivery {} of {}), retry in {} ms: {}", queue.name(), envelope.type(), envelope.id(),
        next, queue.retries() + 1, queue.retryDelays().get(attempt).toMillis(), error);
    Map<String, Object> h = new HashMap<>(headers);
    h.put(EventHeaders.ATTEMPT, next);
    h.put(EventHeaders.LAST_ERROR, error);
    h.putIfAbsent(EventHeaders.ORIGINAL_ROUTING_KEY, message.envelope().getRoutingKey());
    sendOn(client, message, queue.retryExchange(next), h, retried);
  }

  private void deadLetter(RabbitMQClient client, RabbitMQMessage message, Map<String, Object> headers, int attempts,
                          String error) {
    Map<String, Object> h = new HashMap<>(headers);
    h.put(EventHeaders.ATTEMPTS, attempts);
    h.put(EventHeaders.LAST_ERROR, truncate(error));
    h.put(EventHeaders.QUEUE, queue.name());
    h.put(EventHeaders.DEAD_LETTER_ID, UUID.randomUUID().toString());
    h.putIfAbsent(EventHeaders.ORIGINAL_ROUTING_KEY, message.envelope().getRoutingKey());
    sendOn(client, message, queue.deadExchange(), h, deadLettered);
  }

  /** Publishes a copy (confirmed) and only then acks the original; a failed publish starts a new session. */
  private void sendOn(RabbitMQClient client, RabbitMQMessage message, String exchange, Map<String, Object> headers,
                      Counter counter) {
    AMQP.BasicProperties props = withHeaders(message.properties(), headers);
    String original = EventHeaders.text(headers, EventHeaders.ORIGINAL_ROUTING_KEY);
    String routingKey = original == null ? message.envelope().getRoutingKey() : original;
    publisher.publish(exchange, routingKey, props, message.body()).onComplete(ar -> {
      if (ar.succeeded()) {
        counter.increment();
        ack(client, message);
      } else {
        // unacked, the message comes back on the next session with the same attempt count
        lost(client, "cannot publish to " + exchange + ": " + ar.cause());
      }
    });
  }

  private void ack(RabbitMQClient client, RabbitMQMessage message) {
    if (session != client) {
      return;
    }
    try {
      client.basicAck(message.envelope().getDeliveryTag(), false)
          .onFailure(e -> lost(client, "ack failed: " + e));
    } catch (RuntimeException e) {
      // the client throws instead of failing the future when the connection is already gone
      lost(client, "ack failed: " + e);
    }
  }

  // ---- dead letters into the store

  private void park(RabbitMQClient client, RabbitMQMessage message) {
    Map<String, Object> headers = headers(message);
    String id = EventHeaders.text(headers, EventHeaders.DEAD_LETTER_ID);
    UUID dlId = parseOrNew(id);
    String original = EventHeaders.text(headers, EventHeaders.ORIGINAL_ROUTING_KEY);
    var props = message.properties();
    JsonObject headerJson = new JsonObject();
    headers.forEach((k, v) -> headerJson.put(k, v instanceof Number || v instanceof Boolean ? v : String.valueOf(v)));
    var letter = new DeadLetter(dlId, queue.name(), original == null ? message.envelope().getRoutingKey() : original,
        props.getType(), props.getMessageId(), props.getCorrelationId(),
        // nacked without our bookkeeping (the broker's own dead-lettering): at least one delivery failed
        EventHeaders.number(headers, EventHeaders.ATTEMPTS, 1),
        EventHeaders.text(headers, EventHeaders.LAST_ERROR), headerJson, message.body().getBytes(), Instant.now());
    deadLetters.park(pool, letter).onComplete(ar -> {
      if (ar.succeeded()) {
        parked.increment();
        ack(client, message);
      } else {
        log.warn("{}: cannot park dead letter {} ({}); it stays on {}", queue.name(), dlId, ar.cause().toString(),
            queue.deadLetterQueue());
        lost(client, "parking failed");
      }
    });
  }

  // ---- small things

  private static UUID parseOrNew(String id) {
    try {
      return id == null ? UUID.randomUUID() : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return UUID.randomUUID();
    }
  }

  private static Map<String, Object> headers(RabbitMQMessage message) {
    Map<String, Object> h = message.properties().getHeaders();
    return h == null ? Map.of() : h;
  }

  private static String describe(Throwable cause) {
    String m = cause.getMessage();
    return truncate(cause.getClass().getSimpleName() + (m == null ? "" : ": " + m));
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tag("queue", queue.name()).register(registry);
  }

  /** {@code p} with other headers; everything else (message id, type, correlation id, persistence) kept. */
  static AMQP.BasicProperties withHeaders(com.rabbitmq.client.BasicProperties p, Map<String, Object> headers) {
    return new AMQP.BasicProperties.Builder()
        .contentType(p.getContentType()).contentEncoding(p.getContentEncoding()).headers(headers)
        .deliveryMode(p.getDeliveryMode() == null ? 2 : p.getDeliveryMode()).priority(p.getPriority())
        .correlationId(p.getCorrelationId()).replyTo(p.getReplyTo()).messageId(p.getMessageId())
        .timestamp(p.getTimestamp()).type(p.getType()).userId(null).appId(p.getAppId())
        .build();
  }
}
