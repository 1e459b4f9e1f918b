package dev.atelier.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The relay against this machine's PostgreSQL and RabbitMQ (127.0.0.1:5672, guest/guest). */
class OutboxRelayIT {
  private static final String SCHEMA = "relayit";
  private static final Duration WAIT = Duration.ofSeconds(20);
  // the fallback poll is a minute: within WAIT, only a wake-up (a commit through Outbox, a NOTIFY, a
  // reconnect) and the relay's own draining can deliver
  private static final RabbitMQOptions AMQP = new RabbitMQOptions().setUri("amqp://guest:guest@127.0.0.1:5672");
  private static final RelaySettings SETTINGS = new RelaySettings(64, Duration.ofSeconds(60), Duration.ofSeconds(5),
      Duration.ofMillis(200), Duration.ofHours(72), Duration.ofMinutes(10));

  private static TestDatabase db;
  private static Vertx vertx;
  private static PgSettings pg;
  private static Pool writes;
  private static RabbitMQClient listener;
  private final Outbox outbox = new Outbox();
  private final List<String> deployments = new ArrayList<>();

  /** A test event; its type gets a prefix unique to the test, so each test's queue sees only its own. */
  record Noted(UUID thing, int seq) {}

  @BeforeAll
  static void setUp() {
    db = TestServers.newDatabase();
    vertx = Vertx.vertx();
    JsonObject config = AtelierConfig.defaults();
    config.getJsonObject("pg").put("url", db.url());
    pg = PgSettings.from(config);
    Await.result(Migrations.runService(vertx, pg, SCHEMA));
    writes = PgPools.forService(vertx, pg, SCHEMA, 8);
    listener = RabbitMQClient.create(vertx, AMQP);
    Await.result(listener.start().compose(v -> listener.exchangeDeclare(Topology.EVENTS, "topic", true, false)));
  }

  @AfterAll
  static void tearDown() {
    Await.result(listener.stop());
    Await.result(writes.close());
    Await.result(vertx.close());
    db.close();
  }

  @AfterEach
  void undeploy() {
    for (String id : deployments) {
      Await.result(vertx.undeploy(id));
    }
  }

  @Test
  @DisplayName("a committed row reaches the exchange as an envelope, with id, type and tracing in AMQP headers")
  void committedRowIsPublished() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    relay(new SimpleMeterRegistry());
    Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);
    UUID aggregate = UUID.randomUUID();

    UUID id = Await.result(onRequest("corr-" + prefix, () -> writes.withTransaction(tx ->
        outbox.append(tx, topic, aggregate, new Noted(aggregate, 1), "cause-1"))));

    Await.until(WAIT, "the event on the queue", () -> received.size() == 1);
    RabbitMQMessage message = received.peek();
    var props = message.properties();
    assertThat(props.getMessageId()).isEqualTo(id.toString());
    assertThat(props.getType()).isEqualTo(prefix + ".noted");
    assertThat(props.getCorrelationId()).isEqualTo("corr-" + prefix);
    assertThat(props.getContentType()).isEqualTo("application/json");
    assertThat(props.getDeliveryMode()).isEqualTo(2);
    assertThat(props.getHeaders().get(EventHeaders.CORRELATION_ID)).hasToString("corr-" + prefix);
    assertThat(props.getHeaders().get(EventHeaders.CAUSATION_ID)).hasToString("cause-1");
    assertThat(message.envelope().getRoutingKey()).isEqualTo(prefix + ".noted");

    EventEnvelope envelope = ContractJson.fromBytes(message.body().getBytes(), EventEnvelope.class);
    assertThat(envelope.id()).isEqualTo(id);
    assertThat(envelope.type()).isEqualTo(prefix + ".noted");
    assertThat(envelope.version()).isEqualTo(1);
    assertThat(envelope.aggregateId()).isEqualTo(aggregate);
    assertThat(envelope.correlationId()).isEqualTo("corr-" + prefix);
    assertThat(envelope.causationId()).isEqualTo("cause-1");
    assertThat(envelope.occurredAt()).isNotNull();
    assertThat(ContractJson.mapper().convertValue(envelope.payload(), Noted.class)).isEqualTo(new Noted(aggregate, 1));
    Await.until(WAIT, "the row marked sent", () -> unsent(id) == 0);
  }

  @Test
  @DisplayName("a rolled-back transaction publishes nothing")
  void rollbackPublishesNothing() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    relay(new SimpleMeterRegistry());
    Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);
    UUID aggregate = UUID.randomUUID();

    Throwable failure = Await.failure(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 1))
        .compose(id -> Future.failedFuture(new IllegalStateException("the change failed after its event was written")))));
    assertThat(failure).hasMessageContaining("the change failed");
    // a marker committed after the rollback: once it arrived, the rolled-back event would have too
    UUID marker = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 2))));

    Await.until(WAIT, "the marker", () -> received.stream().anyMatch(m -> m.properties().getMessageId().equals(marker.toString())));
    assertThat(received).hasSize(1);
    assertThat(Await.result(writes.query("SELECT count(*) FROM outbox WHERE type = '" + prefix + ".noted'").execute())
        .iterator().next().getLong(0)).isEqualTo(1);
  }

  @Test
  @DisplayName("the events of one aggregate arrive in the order they were written, with two relays draining the outbox")
  void aggregateOrder() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    relay(new SimpleMeterRegistry());
    relay(new SimpleMeterRegistry());
    Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);
    List<UUID> aggregates = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
    int perAggregate = 60;

    // each aggregate's events in sequence (one transaction each, like successive changes); aggregates in parallel
    List<Future<Void>> writers = aggregates.stream().map(a -> writeInSequence(topic, a, 1, perAggregate)).toList();
    Await.result(Future.all(writers));

    Await.until(WAIT, "all events", () -> received.size() >= aggregates.size() * perAggregate);
    Map<UUID, List<Integer>> seen = new HashMap<>();
    for (RabbitMQMessage m : received) {
      Noted n = ContractJson.mapper().convertValue(ContractJson.fromBytes(m.body().getBytes(), EventEnvelope.class).payload(), Noted.class);
      seen.computeIfAbsent(n.thing(), k -> new ArrayList<>()).add(n.seq());
    }
    List<Integer> expected = IntStream.rangeClosed(1, perAggregate).boxed().toList();
    aggregates.forEach(a -> assertThat(seen.get(a)).as("events of " + a).containsExactlyElementsOf(expected));
  }

  @Test
  @DisplayName("two relays on one schema publish each of 500 rows exactly once")
  void twoRelaysExactlyOnce() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    var registryA = new SimpleMeterRegistry();
    var registryB = new SimpleMeterRegistry();
    relay(registryA);
    relay(registryB);
    Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);

    // 50 transactions of 10 rows, 10 of them at a time
    List<Future<Void>> batches = new ArrayList<>();
    for (int t = 0; t < 50; t++) {
      int base = t * 10;
      batches.add(writes.withTransaction(tx -> {
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < 10; i++) {
          int seq = base + i;
          chain = chain.compose(v -> outbox.append(tx, topic, UUID.randomUUID(), new Noted(UUID.randomUUID(), seq)).mapEmpty());
        }
        return chain;
      }));
    }
    Await.result(Future.all(batches));

    Await.until(WAIT, "every row sent", () -> unsentOfType(prefix + ".noted") == 0);
    // published and confirmed before being marked, so a marker sent now queues behind any duplicate
    UUID marker = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, UUID.randomUUID(), new Noted(UUID.randomUUID(), -1))));
    Await.until(WAIT, "the marker", () -> received.stream().anyMatch(m -> m.properties().getMessageId().equals(marker.toString())));

    List<String> ids = received.stream().map(m -> m.properties().getMessageId()).toList();
    assertThat(ids).hasSize(501).doesNotHaveDuplicates();
    double confirmedA = registryA.get("atelier.outbox.confirmed").counter().count();
    double confirmedB = registryB.get("atelier.outbox.confirmed").counter().count();
    assertThat(confirmedA + confirmedB).isGreaterThanOrEqualTo(501);
    assertThat(registryA.get("atelier.outbox.failed").counter().count() + registryB.get("atelier.outbox.failed").counter().count()).isZero();
  }

  @Test
  @DisplayName("while the broker is away writes commit, the lag gauge shows the waiting row's age, and the row goes once a broker is there")
  void lagWhileBrokerAway() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    var registry = new SimpleMeterRegistry();
    var away = new RabbitMQOptions().setUri("amqp://guest:guest@127.0.0.1:" + TestServers.freePort());
    deployments.add(Await.result(vertx.deployVerticle(new OutboxRelay(pg, SCHEMA, SETTINGS, away, registry))));
    Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);
    UUID aggregate = UUID.randomUUID();

    UUID id = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 1))));

    Await.until(WAIT, "the lag gauge above 1 s", () -> registry.get("atelier.outbox.lag").gauge().value() > 1.0);
    assertThat(unsent(id)).isEqualTo(1);
    assertThat(received).isEmpty();

    var healthy = new SimpleMeterRegistry();
    relay(healthy);
    Await.until(WAIT, "the waiting row published", () -> received.size() == 1);
    Await.until(WAIT, "the lag back to 0", () -> healthy.get("atelier.outbox.lag").gauge().value() == 0.0);
  }

  @Test
  @DisplayName("the broker goes away: writes commit, rows wait and the lag shows it; it comes back: the same relay reconnects and sends them")
  void brokerOutage() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    var registry = new SimpleMeterRegistry();
    try (var broker = new TcpProxy(vertx, TestServers.freePort(), 5672)) {
      broker.open();
      var viaProxy = new RabbitMQOptions().setUri("amqp://guest:guest@127.0.0.1:" + broker.port());
      deployments.add(Await.result(vertx.deployVerticle(new OutboxRelay(pg, SCHEMA, SETTINGS, viaProxy, registry))));
      Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);
      UUID aggregate = UUID.randomUUID();
      UUID first = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 1))));
      // cut only once the round is over: a cut between the broker's copy and its confirm would rightly send it again
      Await.until(WAIT, "the first event, marked sent", () -> received.size() == 1 && unsent(first) == 0);

      broker.cut();
      UUID waiting = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 2))));
      Await.until(WAIT, "the lag gauge above 0.5 s", () -> registry.get("atelier.outbox.lag").gauge().value() > 0.5);
      assertThat(unsent(waiting)).isEqualTo(1);

      broker.open();
      Await.until(WAIT, "the waiting event after the reconnect, marked sent", () -> unsent(waiting) == 0 && received.size() >= 2);
      assertThat(received.stream().map(m -> m.properties().getMessageId())).containsExactly(first.toString(), waiting.toString());
    }
  }

  @Test
  @DisplayName("the database goes away: the relay re-LISTENs by itself once it is back and sends what was written meanwhile")
  void databaseOutage() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    try (var database = new TcpProxy(vertx, TestServers.freePort(), pg.port())) {
      database.open();
      var viaProxy = new PgSettings(pg.host(), database.port(), pg.database(), pg.user(), pg.password(),
          pg.connectTimeoutMillis(), pg.acquireTimeoutMillis(), pg.idleTimeoutSeconds());
      deployments.add(Await.result(vertx.deployVerticle(new OutboxRelay(viaProxy, SCHEMA, SETTINGS, AMQP, new SimpleMeterRegistry()))));
      Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);
      UUID aggregate = UUID.randomUUID();
      UUID first = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 1))));
      // cut only once the round committed: a cut between the confirm and the commit would rightly send it again
      Await.until(WAIT, "the first event, marked sent", () -> received.size() == 1 && unsent(first) == 0);

      database.cut();
      // written directly (the service's own pool), while the relay cannot reach the database
      UUID meanwhile = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 2))));
      assertThat(unsent(meanwhile)).isEqualTo(1);

      database.open();
      // the poll is a minute: only the re-made LISTEN connection (its subscribe wake-up) can deliver this in time
      Await.until(WAIT, "the event written during the outage", () -> unsent(meanwhile) == 0 && received.size() >= 2);
      UUID after = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 3))));
      Await.until(WAIT, "an event written after, woken by its commit", () -> unsent(after) == 0 && received.size() >= 3);
      assertThat(received.stream().map(m -> m.properties().getMessageId()))
          .containsExactly(first.toString(), meanwhile.toString(), after.toString());
    }
  }

  @Test
  @DisplayName("a row written without Outbox (another process, say) goes when NOTIFY outbox_<schema> wakes the relay")
  void notifyFromElsewhere() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    relay(new SimpleMeterRegistry());
    // once the relay LISTENs (its first round follows), only the NOTIFY can deliver within WAIT
    Await.until(WAIT, "the relay listening", () -> Await.result(writes.preparedQuery(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1")
        .execute(io.vertx.sqlclient.Tuple.of("LISTEN%" + Outbox.channel(SCHEMA) + "%"))).iterator().next().getLong(0) > 0);
    UUID id = UUID.randomUUID();
    UUID aggregate = UUID.randomUUID();
    Await.result(writes.withTransaction(tx -> tx.preparedQuery(
            "INSERT INTO outbox (id, type, version, aggregate_id, payload) VALUES ($1, $2, 1, $3, $4)")
        .execute(io.vertx.sqlclient.Tuple.of(id, prefix + ".noted", aggregate,
            new JsonObject().put("thing", aggregate.toString()).put("seq", 1)))
        .compose(r -> tx.query("NOTIFY " + Outbox.channel(SCHEMA)).execute())));

    Await.until(WAIT, "the row, woken by NOTIFY", () -> received.size() == 1 && unsent(id) == 0);
    assertThat(received.peek().properties().getMessageId()).isEqualTo(id.toString());
  }

  @Test
  @DisplayName("cleanup removes sent rows past the retention and keeps unsent ones")
  void cleanup() {
    String prefix = prefix();
    var received = queue(prefix + ".#");
    OutboxRelay relay = new OutboxRelay(pg, SCHEMA, SETTINGS.withRetention(Duration.ZERO), AMQP, new SimpleMeterRegistry());
    deployments.add(Await.result(vertx.deployVerticle(relay)));
    Topic<Noted> topic = Topic.of(prefix + ".noted", Noted.class);
    UUID aggregate = UUID.randomUUID();
    UUID sent = Await.result(writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, 1))));
    Await.until(WAIT, "the row sent", () -> received.size() == 1 && unsent(sent) == 0);

    Await.result(relay.cleanUp());
    assertThat(Await.result(writes.query("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL").execute())
        .iterator().next().getLong(0)).isZero();
  }

  private Future<Void> writeInSequence(Topic<Noted> topic, UUID aggregate, int seq, int last) {
    if (seq > last) {
      return Future.succeededFuture();
    }
    return writes.withTransaction(tx -> outbox.append(tx, topic, aggregate, new Noted(aggregate, seq)))
        .compose(id -> writeInSequence(topic, aggregate, seq + 1, last));
  }

  private void relay(MeterRegistry registry) {
    deployments.add(Await.result(vertx.deployVerticle(new OutboxRelay(pg, SCHEMA, SETTINGS, AMQP, registry))));
  }

  /** An exclusive, auto-deleted queue bound to the exchange with {@code bindingKey}, and what it receives. */
  private static ConcurrentLinkedQueue<RabbitMQMessage> queue(String bindingKey) {
    var received = new ConcurrentLinkedQueue<RabbitMQMessage>();
    String name = "relayit-" + UUID.randomUUID();
    Await.result(listener.queueDeclare(name, false, true, true)
        .compose(ok -> listener.queueBind(name, Topology.EVENTS, bindingKey))
        .compose(v -> listener.basicConsumer(name, new QueueOptions().setAutoAck(true)))
        .onSuccess(consumer -> consumer.handler(received::add)));
    return received;
  }

  private static <T> Future<T> onRequest(String correlationId, java.util.function.Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    request.runOnContext(v -> {
      Correlation.set(correlationId);
      work.get().onComplete(done);
    });
    return done.future();
  }

  private static long unsent(UUID id) {
    return Await.result(writes.preparedQuery("SELECT count(*) FROM outbox WHERE id = $1 AND published_at IS NULL")
        .execute(io.vertx.sqlclient.Tuple.of(id))).iterator().next().getLong(0);
  }

  private static long unsentOfType(String type) {
    return Await.result(writes.preparedQuery("SELECT count(*) FROM outbox WHERE type = $1 AND published_at IS NULL")
        .execute(io.vertx.sqlclient.Tuple.of(type))).iterator().next().getLong(0);
  }

  /** Lower-case letters only, as event types require. */
  private static String prefix() {
    var r = ThreadLocalRandom.current();
    return "t" + IntStream.range(0, 10).mapToObj(i -> String.valueOf((char) ('a' + r.nextInt(26)))).reduce("", String::concat);
  }
}
