package dev.atelier.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atelier.codecs.Topic;
import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.ops.NodeHealth;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once processing through faults, against this machine's RabbitMQ (it restarts the broker,
 * so it needs {@code rabbitmqctl} and is skipped without them): events are written steadily
 * while the broker application is stopped and started again, and later while the consumer's
 * connection is cut; every event must then have exactly one effect.
 */
class MessagingChaosIT {
  private static final String SCHEMA = "chaosit";
  private static final int TRANSACTIONS = 300;
  private static final int PER_TRANSACTION = 10;
  private static final int EVENTS = TRANSACTIONS * PER_TRANSACTION;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static TestDatabase db;
  private static Vertx vertx;
  private static PgSettings pg;
  private static Pool pool;
  private static boolean brokerStopped;

  record Numbered(int seq) {}

  @BeforeAll
  static void setUp() {
    assumeTrue(TestServers.localRabbitMq() && Files.isExecutable(Path.of("/usr/sbin/rabbitmqctl")) && !forcedEmbedded(),
        "needs this machine's RabbitMQ and rabbitmqctl");
    db = TestServers.newDatabase();
    vertx = Vertx.vertx();
    JsonObject config = AtelierConfig.defaults();
    config.getJsonObject("pg").put("url", db.url());
    pg = PgSettings.from(config);
    Await.result(Migrations.runService(vertx, pg, SCHEMA));
    pool = PgPools.forService(vertx, pg, SCHEMA, 8);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (brokerStopped) {
      rabbitmqctl("start_app");
    }
    if (vertx != null) {
      Await.result(pool.close());
      Await.result(vertx.close());
      db.close();
    }
  }

  @Test
  @DisplayName("3,000 events through a broker restart and a killed consumer connection: each processed exactly once")
  void exactlyOnceThroughFaults() throws Exception {
    // names of this run's own: a durable queue left from an earlier run must not feed this one
    String run = "chaos" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).replaceAll("[0-9]", "x");
    var names = new BrokerNames("atelier.events." + run, run + ".");
    String queue = "events";
    Topic<Numbered> topic = Topic.of("chaosit.numbered", Numbered.class);
    RabbitMQOptions direct = new RabbitMQOptions().setUri("amqp://guest:guest@127.0.0.1:5672").setConnectionTimeout(1000);
    var relay = new OutboxRelay(pg, SCHEMA, new RelaySettings(128, Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofMillis(200), Duration.ofHours(1), Duration.ofMinutes(10)), direct, new SimpleMeterRegistry(), names.exchange());
    Await.result(vertx.deployVerticle(relay));

    // the consumer reaches the broker through a proxy, so its connection alone can be cut
    try (var proxy = new TcpProxy(vertx, TestServers.freePort(), 5672)) {
      proxy.open();
      var viaProxy = new RabbitMQOptions().setUri("amqp://guest:guest@127.0.0.1:" + proxy.port()).setConnectionTimeout(1000);
      var settings = new ConsumerSettings(32, List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)),
          Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofHours(1), Duration.ofSeconds(1));
      var registry = new SimpleMeterRegistry();
      EventConsumer consumer = Await.result(onContext(() -> EventConsumer.on(queue).names(names)
          .handle(topic, (event, tx) -> tx.preparedQuery("INSERT INTO effects (message_id, seq) VALUES ($1, $2)")
              .execute(Tuple.of(event.envelope().id(), event.payload().seq())))
          .start(vertx, pool, pg, settings, viaProxy, registry)));
      Await.until(WAIT, "the consumer consuming through the proxy", consumer::connected);

      AtomicInteger committed = new AtomicInteger();
      Future<Void> writing = writeSteadily(topic, committed);

      Await.until(WAIT, "a third written", () -> committed.get() >= EVENTS / 3);
      rabbitmqctl("stop_app");
      brokerStopped = true;
      int atStop = committed.get();
      Await.until(WAIT, "writes committing while the broker is away", () -> committed.get() >= atStop + 300);
      Await.until(WAIT, "the relay noticing", () -> !relay.brokerConnected());
      assertThat(relay.lagSeconds()).as("outbox lag while the broker is away").isPositive();
      var readiness = Await.result(NodeHealth.of(vertx).check(vertx, Duration.ofSeconds(1)));
      assertThat(readiness.status()).as("readiness while the broker is away").isEqualTo(NodeHealth.Status.DOWN);
      assertThat(readiness.checks().getJsonObject("amqp").getString("error")).contains("outbox relay chaosit");
      rabbitmqctl("start_app");
      brokerStopped = false;

      Await.until(WAIT, "readiness UP again", () ->
          Await.result(NodeHealth.of(vertx).check(vertx, Duration.ofSeconds(1))).status() == NodeHealth.Status.UP);
      Await.until(WAIT, "two thirds written", () -> committed.get() >= 2 * EVENTS / 3);
      Await.until(WAIT, "the consumer back after the restart", () -> consumer.sessions() >= 2 && consumer.connected());
      int sessions = consumer.sessions();
      proxy.dropConnections();
      Await.until(WAIT, "the consumer connected again", () -> consumer.sessions() > sessions && consumer.connected());

      Await.result(writing);
      EventConsumer last = consumer;
      Await.until(WAIT, "every event processed", () -> count("SELECT count(DISTINCT seq) FROM effects") == EVENTS);
      assertThat(count("SELECT count(*) FROM effects")).as("no event had a second effect").isEqualTo(EVENTS);
      assertThat(count("SELECT min(seq) FROM effects")).isZero();
      assertThat(count("SELECT max(seq) FROM effects")).as("no gaps").isEqualTo(EVENTS - 1);
      assertThat(count("SELECT count(*) FROM inbox")).isEqualTo(EVENTS);
      assertThat(count("SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero();
      assertThat(Await.result(new DeadLetterStore().list(pool, names.queue(queue), 10))).isEmpty();
      Await.result(last.stop());
      deleteBrokerObjects(last.queue());
    }
  }

  private static void deleteBrokerObjects(EventQueue q) {
    var client = io.vertx.rabbitmq.RabbitMQClient.create(vertx, new RabbitMQOptions().setUri("amqp://guest:guest@127.0.0.1:5672"));
    Future<Void> done = client.start()
        .compose(v -> client.queueDelete(q.name())).mapEmpty()
        .compose(v -> client.queueDelete(q.deadLetterQueue())).mapEmpty();
    for (int i = 1; i <= q.retries(); i++) {
      int n = i;
      done = done.compose(v -> client.queueDelete(q.retryQueue(n))).mapEmpty()
          .compose(v -> client.exchangeDelete(q.retryExchange(n)));
    }
    Await.result(done.compose(v -> client.exchangeDelete(q.requeueExchange()))
        .compose(v -> client.exchangeDelete(q.deadExchange()))
        .compose(v -> client.exchangeDelete(q.exchange()))
        .eventually(() -> client.stop()));
  }

  /** 300 transactions of 10 events, one every 15 ms, each awaited before the next (a steady writer). */
  private Future<Void> writeSteadily(Topic<Numbered> topic, AtomicInteger committed) {
    Promise<Void> done = Promise.promise();
    var outbox = new Outbox();
    AtomicInteger next = new AtomicInteger();
    vertx.runOnContext(v -> writeNext(topic, outbox, next, committed, done));
    return done.future();
  }

  private void writeNext(Topic<Numbered> topic, Outbox outbox, AtomicInteger next, AtomicInteger committed, Promise<Void> done) {
    int t = next.getAndIncrement();
    if (t >= TRANSACTIONS) {
      done.complete();
      return;
    }
    pool.withTransaction(tx -> {
      Future<?> chain = Future.succeededFuture();
      for (int i = 0; i < PER_TRANSACTION; i++) {
        int seq = t * PER_TRANSACTION + i;
        chain = chain.compose(x -> outbox.append(tx, topic, UUID.randomUUID(), new Numbered(seq)));
      }
      return chain;
    }).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      committed.addAndGet(PER_TRANSACTION);
      vertx.setTimer(15, id -> writeNext(topic, outbox, next, committed, done));
    });
  }

  private static long count(String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  private static <T> Future<T> onContext(java.util.function.Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    vertx.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static boolean forcedEmbedded() {
    return "true".equalsIgnoreCase(System.getenv("ATELIER_TEST_EMBEDDED"));
  }

  private static void rabbitmqctl(String command) throws Exception {
    Process p = new ProcessBuilder("/usr/sbin/rabbitmqctl", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("rabbitmqctl " + command + ": " + out).isZero();
  }
}
