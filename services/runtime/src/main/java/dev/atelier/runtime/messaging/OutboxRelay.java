package dev.atelier.runtime.messaging;

import com.rabbitmq.client.AMQP;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one schema's committed outbox rows to the events topic exchange (routing
 * key = event type), with publisher confirms, and marks them sent only after the broker confirmed.
 *
 * <p>A round claims the oldest unsent rows with {@code FOR UPDATE SKIP LOCKED} in a transaction
 * that stays open until the broker confirmed them and they are marked, so relays on several nodes
 * never publish a row twice in normal operation. To keep an aggregate's events in order across
 * relays, a claimed row whose aggregate has an older unsent row claimed elsewhere is left for a
 * later round. A failed confirm rolls the round back: the rows are published again later (at least
 * once; consumers deduplicate on the message id).
 *
 * <p>It wakes when a transaction of this node that appended to the outbox commits (a local
 * event-bus message from {@link Outbox#append}), on {@code NOTIFY outbox_<schema>} (which anything
 * else that writes rows may send), and on a slow poll; it reconnects to the broker and to
 * PostgreSQL with backoff, and while the broker is away rows simply wait. Deploy one per service
 * schema per node (it is a verticle of its own), on the node whose services write that schema.
 */
public final class OutboxRelay extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  // claimed rows, each with whether an older unsent row of its aggregate is claimed by another relay
  private static final String CLAIM = """
      WITH claimed AS (
        SELECT id, type, version, aggregate_id, correlation_id, causation_id, payload, occurred_at
        FROM outbox WHERE published_at IS NULL
        ORDER BY occurred_at, id LIMIT $1
        FOR UPDATE SKIP LOCKED),
      elsewhere AS (
        SELECT o.aggregate_id, min(o.occurred_at) AS first_at
        FROM outbox o
        WHERE o.published_at IS NULL
          AND o.aggregate_id IN (SELECT aggregate_id FROM claimed)
          AND o.id NOT IN (SELECT id FROM claimed)
        GROUP BY o.aggregate_id)
      SELECT c.id, c.type, c.version, c.aggregate_id, c.correlation_id, c.causation_id, c.payload::text AS payload,
             c.occurred_at, (e.first_at IS NOT NULL AND e.first_at <= c.occurred_at) AS deferred
      FROM claimed c LEFT JOIN elsewhere e ON e.aggregate_id = c.aggregate_id
      ORDER BY c.occurred_at, c.id""";
  private static final String MARK = "UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1)";
  private static final String LAG = """
      SELECT (EXTRACT(EPOCH FROM clock_timestamp() - min(occurred_at)) * 1000)::float8 AS lag_ms
      FROM outbox WHERE published_at IS NULL""";
  private static final String CLEAN = """
      DELETE FROM outbox WHERE published_at IS NOT NULL
        AND published_at < clock_timestamp() - make_interval(secs => $1)""";

  private final PgSettings pg;
  private final String schema;
  private final RelaySettings settings;
  private final RabbitMQOptions amqp;
  private final MeterRegistry registry;
  private final String exchange;

  private Pool pool;
  private PgSubscriber subscriber;
  private MessageConsumer<Void> wakeUps;
  private RabbitMQClient broker;
  private boolean brokerReady;
  private boolean connecting;
  private int brokerFailures;
  private boolean stopped;
  private boolean running;
  private boolean again;
  private Future<?> inFlight = Future.succeededFuture();
  private long pollTimer = -1;
  private long cleanupTimer = -1;
  private long retryTimer = -1;
  private int roundFailures;
  private Future<Void> lagQuery;
  private boolean lagStale;

  // the age of the oldest unsent row when last measured, and when that was (JVM clock)
  private volatile double lagMillisAtSample;
  private volatile long lagSampledAtNanos;
  private volatile boolean unsentAtSample;

  private Gauge lagGauge;
  private Counter published;
  private Counter confirmed;
  private Counter failed;

  /**
   * @param pg where the service's database is
   * @param schema the service's schema, whose {@code outbox} table this relay drains
   * @param amqp the broker; reconnects are this relay's own business (the client's are turned off)
   * @param registry where the lag gauge and the counters go ({@code Metrics.registry()} in a service)
   */
  public OutboxRelay(PgSettings pg, String schema, RelaySettings settings, RabbitMQOptions amqp, MeterRegistry registry) {
    this(pg, schema, settings, amqp, registry, Topology.EVENTS);
  }

  /** The same, publishing to the exchange {@code exchange} (a deployment's {@link BrokerNames}). */
  public OutboxRelay(PgSettings pg, String schema, RelaySettings settings, RabbitMQOptions amqp, MeterRegistry registry,
                     String exchange) {
    this.exchange = exchange;
    this.pg = pg;
    this.schema = schema;
    this.settings = settings;
    this.amqp = new RabbitMQOptions(amqp).setAutomaticRecoveryEnabled(false).setReconnectAttempts(0);
    this.registry = registry;
  }

  /** The relay of {@code schema} with the node's settings ({@code pg}, {@code amqp}, {@code messaging.relay}). */
  public static OutboxRelay forSchema(JsonObject config, String schema) {
    return new OutboxRelay(PgSettings.from(config), schema, RelaySettings.from(config), AmqpClients.options(config),
        Metrics.registry(), BrokerNames.from(config).exchange());
  }

  /** Whether the relay holds a confirmed-publishing connection to the broker right now. */
  public boolean brokerConnected() {
    return brokerReady && broker != null && broker.isConnected();
  }

  @Override
  public Future<?> start() {
    // the node's broker check: writes commit while the broker is away (their events wait here),
    // but API.md counts the node not ready until they can leave
    BrokerLinks.of(vertx).add(linkName(), this::brokerConnected);
    lagGauge = Gauge.builder("atelier.outbox.lag", this, OutboxRelay::lagSeconds)
        .description("age of the oldest unsent outbox row").baseUnit("seconds").tag("schema", schema)
        .strongReference(true).register(registry);
    published = counter("atelier.outbox.published", "events handed to the broker");
    confirmed = counter("atelier.outbox.confirmed", "events the broker confirmed (then marked sent)");
    failed = counter("atelier.outbox.failed", "events whose publish or confirm failed (they are sent again later)");

    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2).setName("outbox-relay-" + schema))
        .with(new NetClientOptions().setConnectTimeout(pg.connectTimeoutMillis()))
        .connectingTo(connectOptions().setProperties(Map.of("search_path", schema, "application_name", "atelier-relay-" + schema)))
        .using(vertx).build();

    wakeUps = vertx.eventBus().<Void>localConsumer(Outbox.wakeAddress(schema)).handler(m -> wake());
    // a lost LISTEN connection is re-made by the subscriber itself, forever (the policy never gives up)
    subscriber = PgSubscriber.subscriber(vertx, connectOptions())
        .reconnectPolicy(retries -> settings.reconnectDelay(retries + 1).toMillis());
    subscriber.channel(Outbox.channel(schema))
        .handler(payload -> wake())
        // after every (re)connect: notifications sent while away are lost, so look now
        .subscribeHandler(v -> wake());
    listen(0);
    connectBroker();
    pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> wake());
    cleanupTimer = vertx.setPeriodic(settings.cleanupInterval().toMillis(), id -> cleanUp()
        .onFailure(e -> log.warn("outbox relay {}: cleanup failed: {}", schema, e.toString())));
    // start-up never waits for the broker or the database: while they are away rows wait
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    BrokerLinks.of(vertx).remove(linkName());
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(cleanupTimer);
    vertx.cancelTimer(retryTimer);
    wakeUps.unregister();
    registry.remove(lagGauge);
    Future<?> drained = inFlight.transform(ar -> Future.succeededFuture())
        .timeout(settings.confirmTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS)
        .otherwiseEmpty();
    return drained.compose(v -> Future.join(
        subscriber.close(),
        broker == null ? Future.succeededFuture() : broker.stop(),
        pool.close()).otherwiseEmpty());
  }

  private String linkName() {
    return "outbox relay " + schema + " (" + deploymentID() + ")";
  }

  /** Deletes sent rows older than the retention; returns how many. Runs on its own timer too. */
  public Future<Integer> cleanUp() {
    return pool.preparedQuery(CLEAN)
        .execute(Tuple.of((double) settings.retention().toMillis() / 1000.0))
        .map(RowSet::rowCount)
        .onSuccess(n -> {
          if (n > 0) {
            log.debug("outbox relay {}: removed {} sent rows", schema, n);
          }
        });
  }

  /** The age of the oldest unsent row, in seconds, as last measured plus the time since; 0 when none. */
  public double lagSeconds() {
    if (!unsentAtSample) {
      return 0;
    }
    return (lagMillisAtSample + (System.nanoTime() - lagSampledAtNanos) / 1e6) / 1000.0;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tag("schema", schema).register(registry);
  }

  private PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
        .setUser(pg.user()).setPassword(pg.password());
  }

  private void listen(int failures) {
    if (stopped) {
      return;
    }
    subscriber.connect().onFailure(e -> {
      Duration delay = settings.reconnectDelay(failures + 1);
      log.warn("outbox relay {}: cannot LISTEN ({}); again in {} ms", schema, e.toString(), delay.toMillis());
      vertx.setTimer(delay.toMillis(), id -> listen(failures + 1));
    });
  }

  private void connectBroker() {
    if (stopped || connecting || brokerReady) {
      return;
    }
    connecting = true;
    brokerReady = false;
    RabbitMQClient old = broker;
    Future<Void> closed = old == null ? Future.succeededFuture() : old.stop().otherwiseEmpty();
    closed.compose(v -> {
      RabbitMQClient client = RabbitMQClient.create(vertx, amqp);
      broker = client;
      // no connection-established callbacks (their errors are swallowed, and start() does not wait
      // for them): declare and select confirms after start() instead, on this connection only
      return client.start()
          .compose(x -> Topology.declareEvents(client, exchange))
          .compose(x -> client.confirmSelect())
          .timeout(settings.confirmTimeout().toMillis() + pg.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
    }).onComplete(ar -> {
      connecting = false;
      if (stopped) {
        return;
      }
      if (ar.succeeded()) {
        if (brokerFailures > 0) {
          log.info("outbox relay {}: broker back after {} failed attempts", schema, brokerFailures);
        }
        brokerFailures = 0;
        brokerReady = true;
        wake();
      } else {
        brokerFailures++;
        Duration delay = settings.reconnectDelay(brokerFailures);
        log.warn("outbox relay {}: broker unavailable ({}); again in {} ms", schema, ar.cause().toString(), delay.toMillis());
        vertx.setTimer(delay.toMillis(), id -> connectBroker());
      }
    });
  }

  private void brokerLost(Throwable cause) {
    if (brokerReady) {
      log.warn("outbox relay {}: lost the broker ({}); reconnecting", schema, cause.toString());
    }
    brokerReady = false;
    brokerFailures = Math.max(brokerFailures, 1);
    vertx.setTimer(settings.reconnectDelay(brokerFailures).toMillis(), id -> connectBroker());
  }

  /** Runs rounds until the outbox is drained; a wake-up during a round asks for one more. */
  private void wake() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    Future<Round> round = brokerReady && broker.isConnected() ? round() : idle();
    inFlight = round;
    round.onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        // the broker's failures schedule its reconnect (which wakes us); anything else is the
        // database: try again with backoff (a pooled connection may have died with the server)
        if (!(ar.cause() instanceof BrokerFailure)) {
          roundFailures++;
          Duration delay = settings.reconnectDelay(roundFailures);
          log.warn("outbox relay {}: round failed ({}); again in {} ms", schema, ar.cause().toString(), delay.toMillis());
          retryLater(delay);
        }
        return;
      }
      roundFailures = 0;
      Round r = ar.result();
      if (r.published() > 0 && (r.claimed() == settings.batchSize() || r.deferred() > 0) || again) {
        wake();
      } else if (r.deferred() > 0) {
        // another relay holds an older row of these aggregates: look again when it is likely done
        vertx.setTimer(20, id -> wake());
      }
    });
  }

  private void retryLater(Duration delay) {
    if (retryTimer < 0) {
      retryTimer = vertx.setTimer(delay.toMillis(), id -> {
        retryTimer = -1;
        wake();
      });
    }
  }

  // the broker is away (or went away while we were idle): measure the lag, let the reconnect wake us
  private Future<Round> idle() {
    if (brokerReady) {
      brokerLost(new IllegalStateException("connection closed"));
    }
    return refreshLag().map(new Round(0, 0, 0));
  }

  // the lag is measured on the pool's other connection while the next round runs: it is a gauge,
  // and waiting for it put one more round trip between a commit and its event's publish
  private Future<Round> round() {
    return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(settings.batchSize()))
            .compose(rows -> publish(conn, rows)))
        .onComplete(ar -> refreshLag());
  }

  private Future<Round> publish(SqlConnection conn, RowSet<Row> rows) {
    List<UUID> ids = new ArrayList<>();
    List<Future<Void>> sends = new ArrayList<>();
    int deferred = 0;
    for (Row row : rows) {
      if (row.getBoolean("deferred")) {
        deferred++;
        continue;
      }
      EventEnvelope envelope = envelope(row);
      ids.add(envelope.id());
      // handed to the client in claim order; it runs them in that order on one channel
      sends.add(broker.basicPublish(exchange, envelope.type(), properties(envelope), Buffer.buffer(ContractJson.toBytes(envelope))));
    }
    int claimed = rows.size();
    int toSend = ids.size();
    if (toSend == 0) {
      return Future.succeededFuture(new Round(claimed, 0, deferred));
    }
    long timeout = settings.confirmTimeout().toMillis();
    int skipped = deferred;
    return Future.all(sends)
        .onSuccess(v -> published.increment(toSend))
        // waitForConfirmsOrDie on the broker side; our own timer in case the worker never answers
        .compose(v -> broker.waitForConfirms(timeout).timeout(timeout + 1000, TimeUnit.MILLISECONDS))
        .recover(e -> {
          failed.increment(toSend);
          brokerLost(e);
          return Future.failedFuture(new BrokerFailure(e));
        })
        .onSuccess(v -> confirmed.increment(toSend))
        .compose(v -> conn.preparedQuery(MARK).execute(Tuple.of(ids.toArray(UUID[]::new))))
        // a failure rolls the claim back: the rows wait for the next round (after the reconnect)
        .map(v -> new Round(claimed, toSend, skipped));
  }

  private static EventEnvelope envelope(Row row) {
    try {
      return new EventEnvelope(row.getUUID("id"), row.getString("type"), row.getInteger("version"),
          row.getOffsetDateTime("occurred_at").toInstant(), row.getString("correlation_id"), row.getString("causation_id"),
          row.getUUID("aggregate_id"), ContractJson.mapper().readTree(row.getString("payload")));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("outbox row " + row.getUUID("id") + " has unreadable payload", e);
    }
  }

  private AMQP.BasicProperties properties(EventEnvelope e) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(EventHeaders.AGGREGATE_ID, e.aggregateId().toString());
    headers.put(EventHeaders.VERSION, e.version());
    if (e.correlationId() != null) {
      headers.put(EventHeaders.CORRELATION_ID, e.correlationId());
    }
    if (e.causationId() != null) {
      headers.put(EventHeaders.CAUSATION_ID, e.causationId());
    }
    return new AMQP.BasicProperties.Builder()
        .messageId(e.id().toString())
        .type(e.type())
        .correlationId(e.correlationId())
        .contentType("application/json")
        .deliveryMode(2)
        .timestamp(Date.from(e.occurredAt()))
        .appId("atelier-" + schema)
        .headers(headers)
        .build();
  }

  /** Measures the lag; one query at a time, and a call meanwhile has it measured again once that one is done. */
  private Future<Void> refreshLag() {
    if (lagQuery != null) {
      lagStale = true;
      return lagQuery;
    }
    lagStale = false;
    Future<Void> query = pool.query(LAG).execute().<Void>map(rows -> {
      Double lag = rows.iterator().next().getDouble("lag_ms");
      lagSampledAtNanos = System.nanoTime();
      lagMillisAtSample = lag == null ? 0 : Math.max(0, lag);
      unsentAtSample = lag != null;
      return null;
    }).otherwiseEmpty();
    lagQuery = query;
    query.onComplete(ar -> {
      if (lagQuery == query) {
        lagQuery = null;
        if (lagStale && !stopped) {
          refreshLag();
        }
      }
    });
    return query;
  }

  private record Round(int claimed, int published, int deferred) {}

  private static final class BrokerFailure extends RuntimeException {
    BrokerFailure(Throwable cause) {
      super("broker failed: " + cause.getMessage(), cause, false, false);
    }
  }
}
