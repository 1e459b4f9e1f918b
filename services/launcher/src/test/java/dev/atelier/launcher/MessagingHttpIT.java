package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Topic;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.ProductCreated;
import dev.atelier.codecs.catalog.ProductDeleted;
import dev.atelier.codecs.catalog.ProductUpdated;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.codecs.users.Role;
import dev.atelier.codecs.users.UserRegistered;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.ConfirmedPublisher;
import dev.atelier.runtime.messaging.ConsumerSettings;
import dev.atelier.runtime.messaging.EventConsumer;
import dev.atelier.runtime.messaging.EventQueue;
import dev.atelier.runtime.messaging.Received;
import dev.atelier.runtime.messaging.Topology;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.EventProbe;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Messaging seen from outside, on the full platform: writes over HTTP reach the broker as events,
 * and a consumer's dead letters are listed, replayed and discarded through the admin routes. The
 * consumer here is the test's own (a queue and event types nobody else binds), on the platform's
 * database and broker, with retry delays short enough to dead-letter within a second or two.
 */
class MessagingHttpIT {
  private static final String SCHEMA = "msgit";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ConsumerSettings SETTINGS = new ConsumerSettings(16,
      List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(600)), Duration.ofSeconds(5),
      Duration.ofMillis(200), Duration.ofHours(1), Duration.ofMillis(500));

  private static TestDatabase db;
  private static Platform platform;
  private static String amqpUrl;
  private static JsonObject platformConfig;
  // the test's own Vert.x for its consumer, publisher and probes: the platform's node health and metrics stay its own
  private static Vertx vertx;
  private static Context context;
  private static Pool pool;
  private static PgSettings pg;
  private static RabbitMQOptions amqp;
  private static ConfirmedPublisher publisher;
  private static String admin;
  private static final UUID MERCHANT = UUID.randomUUID();
  private static String merchant;

  private final List<EventConsumer> consumers = new ArrayList<>();

  record Poisoned(int seq) {}

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    platformConfig = config;
    platform = new Platform(config);
    admin = platform.token(UUID.randomUUID(), Role.ADMIN);
    merchant = platform.token(MERCHANT, Role.MERCHANT);
    amqpUrl = config.getJsonObject("amqp").getString("url");
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    pg = PgSettings.from(config);
    Await.result(Migrations.runService(vertx, pg, SCHEMA));
    pool = PgPools.forService(vertx, pg, SCHEMA, 4);
    amqp = new RabbitMQOptions().setUri(amqpUrl);
    publisher = new ConfirmedPublisher(vertx, amqp, Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    Await.result(onContext(() -> publisher.close()));
    Await.result(pool.close());
    Await.result(vertx.close());
    platform.close();
    db.close();
  }

  @AfterEach
  void stopConsumers() {
    for (EventConsumer c : consumers) {
      Await.result(c.stop());
      deleteTopology(c.queue());
    }
  }

  // ---- events from HTTP writes

  @Test
  @DisplayName("create, update and delete over HTTP publish product.created/updated/deleted in order, with the request's correlation id")
  void productWritesReachTheBroker() {
    try (var probe = EventProbe.start(vertx, platformConfig, "product.*")) {
      String cid = "msgit-" + UUID.randomUUID();
      var create = platform.send(platform.request("/api/products").header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + merchant)
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .header("X-Correlation-Id", cid)
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"name\":\"Walnut desk\",\"priceCents\":25000,\"currency\":\"EUR\",\"tags\":[\"furniture\"],\"stock\":2}"))
          .build());
      assertThat(create.statusCode()).isEqualTo(201);
      String location = create.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith("/api/products/");
      UUID id = UUID.fromString(location.substring("/api/products/".length()));

      EventEnvelope created = probe.awaitEnvelope(CatalogApi.PRODUCT_CREATED, e -> e.product().id().equals(id));
      ProductCreated createdPayload = payload(CatalogApi.PRODUCT_CREATED, created);
      assertThat(createdPayload.product().id()).isEqualTo(id);
      assertThat(createdPayload.product().merchantId()).isEqualTo(MERCHANT);
      assertThat(createdPayload.product().priceCents()).isEqualTo(25_000L);
      assertThat(created.correlationId()).isEqualTo(cid);
      assertThat(created.aggregateId()).isEqualTo(id);

      var patch = platform.json("PATCH", "/api/products/" + id, merchant, "{\"priceCents\":19900}");
      assertThat(patch.statusCode()).isEqualTo(200);
      var delete = platform.json("DELETE", "/api/products/" + id, merchant, null);
      assertThat(delete.statusCode()).isEqualTo(204);

      ProductUpdated updated = probe.await(CatalogApi.PRODUCT_UPDATED, e -> e.product().id().equals(id));
      assertThat(updated.product().priceCents()).isEqualTo(19_900L);
      ProductDeleted deleted = probe.await(CatalogApi.PRODUCT_DELETED, e -> e.productId().equals(id));
      assertThat(deleted.merchantId()).isEqualTo(MERCHANT);

      // the probe sees every product.* event on the broker (other test JVMs' too): this aggregate's only
      List<String> types = probe.received().stream().filter(e -> id.equals(e.aggregateId())).map(EventEnvelope::type).toList();
      assertThat(types).containsExactly("product.created", "product.updated", "product.deleted");
    }
  }

  @Test
  @DisplayName("registering over HTTP publishes user.registered with the new user's id and email")
  void registrationReachesTheBroker() {
    try (var probe = EventProbe.start(vertx, platformConfig, "user.*")) {
      String email = "msgit-" + UUID.randomUUID() + "@example.com";
      var r = platform.json("POST", "/api/auth/register", null,
          "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"name\":\"Ines\",\"role\":\"customer\"}");
      assertThat(r.statusCode()).isEqualTo(201);
      UUID userId = UUID.fromString(Platform.body(r).getString("id"));

      EventEnvelope envelope = probe.awaitEnvelope(UsersApi.USER_REGISTERED, e -> e.email().equals(email));
      UserRegistered registered = payload(UsersApi.USER_REGISTERED, envelope);
      assertThat(registered.userId()).isEqualTo(userId);
      assertThat(registered.email()).isEqualTo(email);
      assertThat(registered.role()).isEqualTo(Role.CUSTOMER);
      assertThat(envelope.aggregateId()).isEqualTo(userId);
    }
  }

  @Test
  @DisplayName("/health/ready reports the broker as an amqp check that is UP")
  void readinessIncludesTheBroker() {
    var r = platform.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject amqpCheck = Platform.body(r).getJsonObject("checks").getJsonObject("amqp");
    assertThat(amqpCheck).as("an amqp check in " + r.body()).isNotNull();
    assertThat(amqpCheck.getString("status")).isEqualTo("UP");
  }

  // ---- dead letters over HTTP

  @Test
  @DisplayName("a message that failed every retry is listed to admins only, and a replay after the fix has its effect exactly once")
  void deadLetterIsListedThenReplayed() {
    String queue = uniqueQueue();
    Topic<Poisoned> topic = topicOf(queue);
    AtomicBoolean broken = new AtomicBoolean(true);
    var registry = new SimpleMeterRegistry();
    startConsumer(queue, topic, broken, registry);
    EventEnvelope envelope = envelope(topic, new Poisoned(41));
    publish(topic, envelope);

    JsonObject letter = awaitListed(queue, envelope.id());
    assertThat(letter.getInteger("attempts")).isEqualTo(4);
    assertThat(letter.getString("lastError")).contains("cannot handle seq 41");
    assertThat(letter.getString("routingKey")).isEqualTo(topic.type());
    assertThat(letter.getString("queue")).isEqualTo(queue);
    assertThat(letter.getString("messageId")).isEqualTo(envelope.id().toString());
    JsonObject body = letter.getJsonObject("payload");
    assertThat(body.getString("id")).isEqualTo(envelope.id().toString());
    assertThat(body.getString("type")).isEqualTo(topic.type());
    assertThat(body.getJsonObject("payload").getInteger("seq")).isEqualTo(41);
    assertThat(effects(queue)).as("every failed attempt rolled its effect back").isZero();

    String list = "/api/admin/dead-letters?queue=" + queue;
    assertThat(get(list, platform.token(UUID.randomUUID(), Role.CUSTOMER)).statusCode()).isEqualTo(403);
    assertThat(get(list, merchant).statusCode()).isEqualTo(403);
    var anonymous = get(list, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    String id = letter.getString("id");
    assertThat(platform.json("POST", "/api/admin/dead-letters/" + id + "/replay", merchant, null).statusCode()).isEqualTo(403);
    assertThat(items(queue)).as("a refused replay leaves it parked").hasSize(1);

    broken.set(false);
    var replay = platform.json("POST", "/api/admin/dead-letters/" + id + "/replay", admin, null);
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(Platform.body(replay).getString("id")).isEqualTo(id);
    assertThat(Platform.body(replay).getString("messageId")).isEqualTo(envelope.id().toString());

    Await.until(WAIT, "the replayed message's effect", () -> effects(queue) == 1);
    assertThat(items(queue)).isEmpty();
    var again = platform.json("POST", "/api/admin/dead-letters/" + id + "/replay", admin, null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    // the same message once more (a broker redelivery, a second replay that raced the first): the inbox has it
    publish(topic, envelope);
    Await.until(WAIT, "the repeat handled", () -> registry.counter("atelier.events.duplicates", "queue", queue).count() == 1);
    assertThat(effects(queue)).as("one effect for one message").isEqualTo(1);
  }

  @Test
  @DisplayName("a discarded dead letter leaves the list and is gone for a second discard; a malformed id is a 422 naming it")
  void deadLetterIsDiscarded() {
    String queue = uniqueQueue();
    Topic<Poisoned> topic = topicOf(queue);
    startConsumer(queue, topic, new AtomicBoolean(true), new SimpleMeterRegistry());
    EventEnvelope envelope = envelope(topic, new Poisoned(7));
    publish(topic, envelope);
    String id = awaitListed(queue, envelope.id()).getString("id");

    assertThat(platform.json("DELETE", "/api/admin/dead-letters/" + id, platform.token(UUID.randomUUID(), Role.CUSTOMER), null)
        .statusCode()).isEqualTo(403);
    assertThat(platform.json("DELETE", "/api/admin/dead-letters/" + id, null, null).statusCode()).isEqualTo(401);
    assertThat(items(queue)).as("refused discards leave it parked").hasSize(1);

    var discard = platform.json("DELETE", "/api/admin/dead-letters/" + id, admin, null);
    assertThat(discard.statusCode()).isEqualTo(204);
    assertThat(discard.body()).isEmpty();
    assertThat(items(queue)).isEmpty();
    var again = platform.json("DELETE", "/api/admin/dead-letters/" + id, admin, null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(platform.json("POST", "/api/admin/dead-letters/" + id + "/replay", admin, null).statusCode())
        .as("a discarded letter cannot be replayed").isEqualTo(404);
    assertThat(effects(queue)).isZero();

    for (var malformed : List.of(
        platform.json("DELETE", "/api/admin/dead-letters/not-a-uuid", admin, null),
        platform.json("POST", "/api/admin/dead-letters/not-a-uuid/replay", admin, null))) {
      assertThat(malformed.statusCode()).isEqualTo(422);
      assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(Platform.body(malformed).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("id");
    }
    var badLimit = get("/api/admin/dead-letters?limit=0", admin);
    assertThat(badLimit.statusCode()).isEqualTo(422);
    assertThat(Platform.body(badLimit).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("limit");
  }

  // ---- helpers

  private void startConsumer(String queue, Topic<Poisoned> topic, AtomicBoolean broken, SimpleMeterRegistry registry) {
    EventConsumer c = Await.result(onContext(() -> EventConsumer.on(queue)
        .handle(topic, (event, tx) -> effect(tx, queue, event)
            // the effect is written first: a failure must roll it back with the inbox row
            .compose(v -> broken.get()
                ? Future.failedFuture(new IllegalStateException("cannot handle seq " + event.payload().seq()))
                : Future.succeededFuture()))
        .start(vertx, pool, pg, SETTINGS, amqp, registry)));
    consumers.add(c);
    Await.until(WAIT, queue + " consuming", c::connected);
  }

  /** Waits until the admin list of {@code queue} holds exactly the dead letter of {@code messageId}, and answers it. */
  private static JsonObject awaitListed(String queue, UUID messageId) {
    Await.until(WAIT, "a dead letter of " + queue + " listed", () -> !items(queue).isEmpty());
    JsonArray items = items(queue);
    assertThat(items).hasSize(1);
    JsonObject letter = items.getJsonObject(0);
    assertThat(letter.getString("messageId")).isEqualTo(messageId.toString());
    return letter;
  }

  private static JsonArray items(String queue) {
    var r = get("/api/admin/dead-letters?queue=" + queue, admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Platform.body(r).getJsonArray("items");
  }

  private static HttpResponse<String> get(String path, String token) {
    var b = platform.request(path).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return platform.send(b.build());
  }

  private static Future<Void> effect(SqlConnection tx, String queue, Received<Poisoned> event) {
    return tx.preparedQuery("INSERT INTO effects (queue, message_id, seq) VALUES ($1, $2, $3)")
        .execute(Tuple.of(queue, event.envelope().id(), event.payload().seq())).mapEmpty();
  }

  private static long effects(String queue) {
    return Await.result(pool.preparedQuery("SELECT count(*) FROM effects WHERE queue = $1").execute(Tuple.of(queue)))
        .iterator().next().getLong(0);
  }

  private static EventEnvelope envelope(Topic<Poisoned> topic, Poisoned payload) {
    return new EventEnvelope(UUID.randomUUID(), topic.type(), 1, Instant.now(), "msgit-" + payload.seq(), null,
        UUID.randomUUID(), ContractJson.mapper().valueToTree(payload));
  }

  private static void publish(Topic<Poisoned> topic, EventEnvelope envelope) {
    var props = new AMQP.BasicProperties.Builder().messageId(envelope.id().toString()).type(envelope.type())
        .correlationId(envelope.correlationId()).deliveryMode(2).contentType("application/json").build();
    Await.result(onContext(() -> publisher.publish(Topology.EVENTS, topic.type(), props,
        Buffer.buffer(ContractJson.toBytes(envelope)))));
  }

  private static <E> E payload(Topic<E> topic, EventEnvelope e) {
    return ContractJson.mapper().convertValue(e.payload(), topic.eventType());
  }

  /** A queue of this test's own, and an event type only it is bound to (types are lower-case letters and dots). */
  private static String uniqueQueue() {
    StringBuilder s = new StringBuilder("msgit-");
    for (int i = 0; i < 10; i++) {
      s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return s.toString();
  }

  private static Topic<Poisoned> topicOf(String queue) {
    return Topic.of(queue.replace("-", "") + ".poisoned", Poisoned.class);
  }

  /**
   * Removes the consumer's broker objects: durable, they would otherwise outlive the run on this
   * machine's RabbitMQ. Queues first: Qpid refuses to delete an exchange a queue names as its alternate.
   */
  private static void deleteTopology(EventQueue queue) {
    List<String> queues = new ArrayList<>(List.of(queue.name(), queue.deadLetterQueue()));
    List<String> exchanges = new ArrayList<>(List.of(queue.deadExchange(), queue.requeueExchange()));
    for (int n = 1; n <= queue.retries(); n++) {
      queues.add(queue.retryQueue(n));
      exchanges.add(queue.retryExchange(n));
    }
    RabbitMQClient client = RabbitMQClient.create(vertx, new RabbitMQOptions(amqp).setReconnectAttempts(0));
    Future<Void> done = client.start();
    for (String q : queues) {
      done = done.compose(v -> client.queueDelete(q).mapEmpty());
    }
    for (String x : exchanges) {
      done = done.compose(v -> client.exchangeDelete(x));
    }
    Await.result(done.eventually(() -> client.stop()));
  }

  /** Runs {@code work} on one event-loop context, as a verticle would (the publisher and consumers want one). */
  private static <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }
}
