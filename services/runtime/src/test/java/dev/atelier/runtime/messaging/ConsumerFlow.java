package dev.atelier.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.ops.Correlation;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outbox to consumer through a real broker, run once per broker by its subclasses: this machine's
 * RabbitMQ (EventConsumerIT) and the embedded Qpid broker (EventConsumerEmbeddedBrokerIT), so the
 * basic flow, the retries and the dead letters are shown on both. Each test has a queue and event
 * types of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsumerFlow {
  /** The broker the tests run against. */
  abstract String amqpUrl();

  private static final String SCHEMA = "consumerit";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<Duration> DELAYS = List.of(Duration.ofMillis(300), Duration.ofMillis(700), Duration.ofMillis(1200));
  private static final ConsumerSettings SETTINGS = new ConsumerSettings(16, DELAYS, Duration.ofSeconds(5),
      Duration.ofMillis(200), Duration.ofHours(1), Duration.ofMillis(500));

  private TestDatabase db;
  private Vertx vertx;
  private PgSettings pg;
  private Pool pool;
  private RabbitMQOptions amqp;
  private io.vertx.core.Context context;
  private ConfirmedPublisher publisher;
  private final List<EventConsumer> consumers = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private final Outbox outbox = new Outbox();

  record Counted(int seq) {}

  @BeforeAll
  void setUp() {
    db = TestServers.newDatabase();
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    JsonObject config = AtelierConfig.defaults();
    config.getJsonObject("pg").put("url", db.url());
    pg = PgSettings.from(config);
    Await.result(Migrations.runService(vertx, pg, SCHEMA));
    pool = PgPools.forService(vertx, pg, SCHEMA, 8);
    amqp = new RabbitMQOptions().setUri(amqpUrl());
    publisher = new ConfirmedPublisher(vertx, amqp, Duration.ofSeconds(5));
  }

  @AfterAll
  void tearDown() {
    Await.result(onContext(() -> publisher.close()));
    Await.result(pool.close());
    Await.result(vertx.close());
    db.close();
  }

  @AfterEach
  void stopConsumers() {
    consumers.forEach(c -> Await.result(c.stop()));
    deployments.forEach(id -> Await.result(vertx.undeploy(id)));
    // one instance runs every test of the class (PER_CLASS): start the next with none
    consumers.clear();
    deployments.clear();
  }

  @Test
  @DisplayName("events written through the outbox reach the consumer's handler once each, with their correlation id")
  void outboxToHandler() {
    String name = unique();
    Topic<Counted> topic = Topic.of(name + ".counted", Counted.class);
    consumer(name, topic, (event, tx) -> effect(tx, name, event));
    deployments.add(Await.result(vertx.deployVerticle(new OutboxRelay(pg, SCHEMA,
        new RelaySettings(64, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofHours(1),
            Duration.ofMinutes(10)), amqp, new SimpleMeterRegistry()))));

    for (int i = 0; i < 100; i++) {
      int seq = i;
      Await.result(onRequest("cid-" + seq, () -> pool.withTransaction(tx -> outbox.append(tx, topic, UUID.randomUUID(), new Counted(seq)))));
    }

    Await.until(WAIT, "100 effects", () -> count("SELECT count(*) FROM effects WHERE queue = $1", name) == 100);
    assertThat(count("SELECT count(DISTINCT seq) FROM effects WHERE queue = $1", name)).isEqualTo(100);
    assertThat(count("SELECT count(*) FROM effects WHERE queue = $1 AND correlation_id = 'cid-' || seq", name))
        .as("each handler ran under its event's correlation id").isEqualTo(100);
    assertThat(count("SELECT count(*) FROM inbox WHERE queue = $1", name + ".events")).isEqualTo(100);
  }

  @Test
  @DisplayName("a message delivered twice has one effect: the inbox row commits with the first")
  void redeliveryHasNoSecondEffect() {
    String name = unique();
    Topic<Counted> topic = Topic.of(name + ".counted", Counted.class);
    var registry = new SimpleMeterRegistry();
    consumer(name, topic, (event, tx) -> effect(tx, name, event), registry);
    EventEnvelope envelope = envelope(topic, new Counted(7));

    publish(topic.type(), envelope);
    publish(topic.type(), envelope);

    Await.until(WAIT, "both deliveries handled", () -> registry.counter("atelier.events.consumed", "queue", name + ".events").count() == 2);
    assertThat(count("SELECT count(*) FROM effects WHERE queue = $1", name)).isEqualTo(1);
    assertThat(registry.counter("atelier.events.duplicates", "queue", name + ".events").count()).isEqualTo(1);
  }

  @Test
  @DisplayName("a failing message is retried three times with growing delays, then parked with its attempts, error and routing key")
  void poisonIsRetriedThenDeadLettered() {
    String name = unique();
    Topic<Counted> topic = Topic.of(name + ".counted", Counted.class);
    var registry = new SimpleMeterRegistry();
    List<Instant> attempts = new CopyOnWriteArrayList<>();
    List<Integer> attemptHeaders = new CopyOnWriteArrayList<>();
    consumer(name, topic, (event, tx) -> {
      attempts.add(Instant.now());
      attemptHeaders.add(event.attempt());
      // the effect is written first: the rollback must take it away
      return effect(tx, name, event).compose(v -> Future.failedFuture(new IllegalStateException("cannot handle seq " + event.payload().seq())));
    }, registry);
    EventEnvelope envelope = envelope(topic, new Counted(13));

    publish(topic.type(), envelope);

    DeadLetter parked = awaitParked(name);
    assertThat(attempts).hasSize(4);
    assertThat(attemptHeaders).containsExactly(0, 1, 2, 3);
    for (int i = 1; i < attempts.size(); i++) {
      Duration gap = Duration.between(attempts.get(i - 1), attempts.get(i));
      assertThat(gap).as("wait before retry " + i).isGreaterThanOrEqualTo(DELAYS.get(i - 1).minusMillis(50));
    }
    assertThat(parked.attempts()).isEqualTo(4);
    assertThat(parked.lastError()).contains("cannot handle seq 13");
    assertThat(parked.routingKey()).isEqualTo(topic.type());
    assertThat(parked.messageId()).isEqualTo(envelope.id().toString());
    assertThat(parked.queue()).isEqualTo(name + ".events");
    assertThat(ContractJson.fromBytes(parked.body(), EventEnvelope.class).id()).isEqualTo(envelope.id());
    assertThat(registry.counter("atelier.events.retried", "queue", name + ".events").count()).isEqualTo(3);
    assertThat(registry.counter("atelier.events.dead_lettered", "queue", name + ".events").count()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM effects WHERE queue = $1", name)).as("rolled back every time").isZero();
    assertThat(count("SELECT count(*) FROM inbox WHERE queue = $1", name + ".events")).isZero();
  }

  @Test
  @DisplayName("a message that cannot be read goes straight to the dead letters, without a retry")
  void unreadableGoesStraightToDeadLetters() {
    String name = unique();
    Topic<Counted> topic = Topic.of(name + ".counted", Counted.class);
    AtomicBoolean called = new AtomicBoolean();
    var registry = new SimpleMeterRegistry();
    consumer(name, topic, (event, tx) -> {
      called.set(true);
      return Future.succeededFuture();
    }, registry);

    Await.result(onContext(() -> publisher.publish(Topology.EVENTS, topic.type(),
        new AMQP.BasicProperties.Builder().messageId("not-a-uuid").deliveryMode(2).build(), Buffer.buffer("{not json"))));

    DeadLetter parked = awaitParked(name);
    assertThat(parked.attempts()).isEqualTo(1);
    assertThat(parked.lastError()).startsWith("unreadable envelope");
    assertThat(new String(parked.body())).isEqualTo("{not json");
    assertThat(called).isFalse();
    assertThat(registry.counter("atelier.events.retried", "queue", name + ".events").count()).isZero();
  }

  // ---- helpers

  private DeadLetter awaitParked(String name) {
    var store = new DeadLetterStore();
    Await.until(WAIT, "a dead letter of " + name, () -> !Await.result(store.list(pool, name + ".events", 10)).isEmpty());
    List<DeadLetter> parked = Await.result(store.list(pool, name + ".events", 10));
    assertThat(parked).hasSize(1);
    return parked.get(0);
  }

  private void consumer(String name, Topic<Counted> topic, EventHandler<Counted> handler) {
    consumer(name, topic, handler, new SimpleMeterRegistry());
  }

  private void consumer(String name, Topic<Counted> topic, EventHandler<Counted> handler, SimpleMeterRegistry registry) {
    EventConsumer c = Await.result(onContext(() -> EventConsumer.on(name + ".events").handle(topic, handler)
        .start(vertx, pool, pg, SETTINGS, amqp, registry)));
    consumers.add(c);
    Await.until(WAIT, name + " consuming", c::connected);
  }

  private Future<Void> effect(io.vertx.sqlclient.SqlConnection tx, String name, Received<Counted> event) {
    return tx.preparedQuery("INSERT INTO effects (queue, message_id, seq, correlation_id) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(name, event.envelope().id(), event.payload().seq(), Correlation.current())).mapEmpty();
  }

  private EventEnvelope envelope(Topic<Counted> topic, Counted payload) {
    return new EventEnvelope(UUID.randomUUID(), topic.type(), 1, Instant.now(), "cid-test", null, UUID.randomUUID(),
        ContractJson.mapper().valueToTree(payload));
  }

  private void publish(String routingKey, EventEnvelope envelope) {
    var props = new AMQP.BasicProperties.Builder().messageId(envelope.id().toString()).type(envelope.type())
        .deliveryMode(2).contentType("application/json").build();
    Await.result(onContext(() -> publisher.publish(Topology.EVENTS, routingKey, props, Buffer.buffer(ContractJson.toBytes(envelope)))));
  }

  private long count(String sql, String arg) {
    return Await.result(pool.preparedQuery(sql).execute(Tuple.of(arg))).iterator().next().getLong(0);
  }

  private String unique() {
    // event types are lower-case letters only
    StringBuilder s = new StringBuilder("cit");
    for (int i = 0; i < 10; i++) {
      s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return s.toString();
  }

  /** Runs {@code work} on one event-loop context, as a verticle would (the publisher wants one context). */
  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private <T> Future<T> onRequest(String cid, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    ContextInternal dup = ((ContextInternal) context).duplicate();
    dup.runOnContext(v -> {
      Correlation.set(cid);
      work.get().onComplete(done);
    });
    return done.future();
  }
}
