package dev.atelier.launcher.bench;

import dev.atelier.codecs.Topic;
import dev.atelier.embedded.EmbeddedAmqpBroker;
import dev.atelier.embedded.EmbeddedPostgresServer;
import dev.atelier.runtime.config.AtelierConfig;
import dev.atelier.runtime.db.Migrations;
import dev.atelier.runtime.db.PgPools;
import dev.atelier.runtime.db.PgSettings;
import dev.atelier.runtime.messaging.AmqpClients;
import dev.atelier.runtime.messaging.ConsumerSettings;
import dev.atelier.runtime.messaging.EventConsumer;
import dev.atelier.runtime.messaging.EventQueue;
import dev.atelier.runtime.messaging.Topology;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.messaging.OutboxRelay;
import dev.atelier.runtime.messaging.Received;
import dev.atelier.runtime.messaging.RelaySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end event benchmark behind {@code scripts/bench/events}: a writer commits events through
 * {@link Outbox#append}, one {@link OutboxRelay} publishes them to the broker, and
 * {@link EventConsumer}s write an effect row per event (with the inbox row, in one transaction).
 *
 * <p>Latency is measured in this one JVM with {@code System.nanoTime()}: from the moment the
 * writer's {@code COMMIT} answered to the moment the consumer's transaction (effect + inbox row)
 * answered its {@code COMMIT} ({@code Transaction.completion()} of the handler's connection), i.e.
 * committed change to committed effect, both read at the same point of the client's pipeline.
 * Event ids are registered right after their {@code INSERT}, before the commit, so the consumer can
 * never see an id the bench does not know. Consumers ack after that commit; the ack is not timed.
 * As a cross-check the effects table also keeps the outbox row's {@code occurred_at} and the
 * effect's {@code clock_timestamp()} (PostgreSQL's clock, from the outbox INSERT, so it includes
 * the writer's own commit).
 *
 * <p>Phases, each round: {@code steady}, single-event transactions paced at {@code rate}/s for
 * {@code duration} s; then for each batch size, {@code writers} concurrent writers committing
 * transactions of that many events as fast as they can for {@code duration} s. Events/s end to end
 * is the effects committed inside that window divided by its length; whatever is still in flight
 * when the window closes is reported as the backlog and timed until drained.
 *
 * <p>{@code EventsBench [rate=500] [duration=10] [warmup=5] [writers=4] [batches=1,10]
 * [consumers=2] [relays=1] [poolSize=16] [rounds=3] [drainSeconds=120]}. PostgreSQL and the broker come from
 * {@code ATELIER_PG_URL} / {@code ATELIER_AMQP_URL}; when blank, embedded ones start (PostgreSQL
 * as its own process, the AMQP broker inside this JVM). Relay and consumer settings are the node's
 * ({@code config/default.json} and {@code ATELIER_MESSAGING_*}). Prints {@code RESULT} lines on
 * stdout (the script takes medians), progress on stderr.
 */
public final class EventsBench {
  static final String SCHEMA = "benchevents";
  private static final String INSERT_EFFECT =
      "INSERT INTO effects (event_id, phase, seq, occurred_at) VALUES ($1, $2, $3, $4)";
  private static final String PG_LATENCY = """
      SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_ids,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY (EXTRACT(EPOCH FROM effect_at - occurred_at) * 1000)::float8) AS p50,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY (EXTRACT(EPOCH FROM effect_at - occurred_at) * 1000)::float8) AS p99
      FROM effects WHERE phase = $1""";

  /** The event: about the size of a product update. */
  public record BenchEvent(String phase, long seq, UUID productId, long priceCents) {}

  private final Vertx vertx;
  private final JsonObject config;
  private final Map<String, String> opts;
  private final Outbox outbox = new Outbox();
  private final Map<UUID, Stamp> pending = new ConcurrentHashMap<>();
  private final AtomicLong unknown = new AtomicLong();
  private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();
  private Pool writerPool;
  private Pool consumerPool;
  private Topic<BenchEvent> topic;

  private EventsBench(Vertx vertx, JsonObject config, Map<String, String> opts) {
    this.vertx = vertx;
    this.config = config;
    this.opts = opts;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value: " + a);
      }
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    JsonObject config = AtelierConfig.load();
    Path dataDir = Path.of(config.getString("dataDir"));
    JsonObject embedded = config.getJsonObject("embedded");
    List<AutoCloseable> servers = new ArrayList<>();
    String pgWhere = "local PostgreSQL";
    String amqpWhere = "local RabbitMQ";
    if (config.getJsonObject("pg").getString("url").isBlank()) {
      var pg = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), dataDir.resolve("pg-bin"), embedded.getInteger("pgPort"));
      servers.add(pg);
      config.getJsonObject("pg").put("url", pg.url());
      pgWhere = "embedded PostgreSQL";
    }
    if (config.getJsonObject("amqp").getString("url").isBlank()) {
      var broker = EmbeddedAmqpBroker.start(dataDir.resolve("amqp"), embedded.getInteger("amqpPort"));
      servers.add(broker);
      config.getJsonObject("amqp").put("url", broker.url());
      amqpWhere = "embedded AMQP broker (Qpid, in this JVM)";
    }
    opts.putIfAbsent("servers", pgWhere + ", " + amqpWhere);
    Vertx vertx = Vertx.vertx();
    int status = 0;
    try {
      new EventsBench(vertx, config, opts).run();
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      await(vertx.close());
      for (int i = servers.size() - 1; i >= 0; i--) {
        servers.get(i).close();
      }
    }
    System.exit(status);
  }

  private void run() throws Exception {
    int rate = option("rate", 500);
    int duration = option("duration", 10);
    int warmup = option("warmup", 5);
    int writers = option("writers", 4);
    int consumerCount = option("consumers", 2);
    int relays = option("relays", 1);
    int poolSize = option("poolSize", 16);
    int rounds = option("rounds", 3);
    int[] batches = Arrays.stream(opts.getOrDefault("batches", "1,10").split("[, ]+")).mapToInt(Integer::parseInt).toArray();

    PgSettings pg = PgSettings.from(config);
    RabbitMQOptions amqp = AmqpClients.options(config);
    RelaySettings relaySettings = RelaySettings.from(config);
    ConsumerSettings consumerSettings = ConsumerSettings.from(config);
    MeterRegistry registry = new SimpleMeterRegistry();
    await(Migrations.runService(vertx, pg, SCHEMA));
    writerPool = writerPool(pg, Math.max(8, writers));
    // the consumers' pool is a service's: shared by the instances, sized like a service's poolSize
    consumerPool = PgPools.forService(vertx, pg, SCHEMA, poolSize);

    // names of this run only: a leftover queue of an earlier run on the shared broker is never consumed here
    String tag = letters(8);
    topic = Topic.of("bench" + tag + ".happened", BenchEvent.class);
    EventQueue queue = new EventQueue(Topology.EVENTS, "bench-" + tag + ".events", Set.of(topic.type()), consumerSettings.retryDelays());

    log("events: %s; %d cores; %d relay(s) (batch %d), %d consumer instance(s) x prefetch %d, consumer pool %d, %d writer connections",
        opts.get("servers"), Runtime.getRuntime().availableProcessors(), relays, relaySettings.batchSize(), consumerCount,
        consumerSettings.prefetch(), poolSize, Math.max(8, writers));
    log("latency: writer's COMMIT answered -> consumer's COMMIT (effect + inbox row) answered, System.nanoTime in one JVM");

    List<String> deployments = new ArrayList<>();
    deployments.add(await(vertx.deployVerticle(() -> new ConsumerVerticle(this, queue.name(), pg, consumerSettings, amqp, registry),
        new DeploymentOptions().setInstances(consumerCount))));
    waitFor(30, "consumers connected", () -> consumers.size() == consumerCount && consumers.stream().allMatch(EventConsumer::connected));
    // more than one relay on a schema is what several nodes give: they share the rows (SKIP LOCKED)
    deployments.add(await(vertx.deployVerticle(() -> new OutboxRelay(pg, SCHEMA, relaySettings, amqp, registry),
        new DeploymentOptions().setInstances(relays))));

    try {
      if (warmup > 0) {
        Phase w = new Phase("warmup", 0);
        await(flood(w, writers, 1, warmup));
        log("warm-up: %d events in %d s", w.delivered.get(), warmup);
      }
      for (int round = 1; round <= rounds; round++) {
        Phase steady = new Phase("steady-r" + round, (long) rate * duration);
        await(paced(steady, rate, duration));
        report(round, "steady", steady, duration);
        for (int batch : batches) {
          Phase sat = new Phase("sat" + batch + "-r" + round, 0);
          await(flood(sat, writers, batch, duration));
          report(round, "sat-" + batch, sat, duration);
        }
      }
      if (unknown.get() > 0) {
        log("WARNING: %d effects of events this run never wrote", unknown.get());
      }
    } finally {
      for (int i = deployments.size() - 1; i >= 0; i--) {
        await(vertx.undeploy(deployments.get(i)));
      }
      deleteQueues(amqp, queue);
      await(writerPool.close());
      await(consumerPool.close());
    }
  }

  // ---- writers

  private Pool writerPool(PgSettings pg, int size) {
    var connect = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
        .setUser(pg.user()).setPassword(pg.password()).setCachePreparedStatements(true)
        .setProperties(Map.of("search_path", SCHEMA, "application_name", "atelier-bench-writer"));
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size).setName("bench-writers"))
        .with(new NetClientOptions().setTcpNoDelay(true)).connectingTo(connect).using(vertx).build();
  }

  /** One transaction of {@code events} events; their ids are known before the commit. */
  private Future<Void> write(Phase phase, int events) {
    List<UUID> ids = new ArrayList<>(events);
    return writerPool.withTransaction(tx -> append(tx, phase, events, ids))
        .onSuccess(v -> {
          long now = System.nanoTime();
          phase.committed.addAndGet(events);
          for (UUID id : ids) {
            Stamp s = pending.get(id);
            if (s != null && s.committed(now)) {
              done(id, s);
            }
          }
        })
        .onFailure(e -> {
          phase.errors.incrementAndGet();
          ids.forEach(pending::remove);
        });
  }

  private Future<Void> append(SqlConnection tx, Phase phase, int left, List<UUID> ids) {
    if (left == 0) {
      return Future.succeededFuture();
    }
    long seq = phase.seq.incrementAndGet();
    var event = new BenchEvent(phase.name, seq, UUID.randomUUID(), 1000 + seq % 9000);
    return outbox.append(tx, topic, event.productId(), event).compose(id -> {
      pending.put(id, new Stamp(phase));
      ids.add(id);
      return append(tx, phase, left - 1, ids);
    });
  }

  /** Single-event transactions at {@code rate}/s (open loop: a slow commit does not delay the next). */
  private Future<Void> paced(Phase phase, int rate, int seconds) {
    Promise<Void> done = Promise.promise();
    long total = (long) rate * seconds;
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      long start = System.nanoTime();
      phase.window(start, start + TimeUnit.SECONDS.toNanos(seconds));
      long[] issued = {0};
      long[] finished = {0};
      vertx.setPeriodic(1, timer -> {
        long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
        while (issued[0] < due) {
          issued[0]++;
          write(phase, 1).onComplete(ar -> {
            if (++finished[0] == total) {
              done.complete();
            }
          });
        }
        if (issued[0] == total) {
          vertx.cancelTimer(timer);
        }
      });
    });
    return done.future().compose(v -> drain(phase));
  }

  /** {@code writers} writers, each committing {@code batch}-event transactions back to back for {@code seconds}. */
  private Future<Void> flood(Phase phase, int writers, int batch, int seconds) {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    phase.window(start, end);
    List<Future<Void>> all = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Promise<Void> done = Promise.promise();
      all.add(done.future());
      // each writer on a context (an event loop) of its own, like requests spread over a service's instances
      vertx.getOrCreateContext().runOnContext(v -> writeUntil(phase, batch, end, done));
    }
    return Future.all(all).compose(v -> drain(phase));
  }

  private void writeUntil(Phase phase, int batch, long end, Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    write(phase, batch).onComplete(ar -> {
      if (ar.succeeded()) {
        writeUntil(phase, batch, end, done);
      } else {
        vertx.setTimer(10, id -> writeUntil(phase, batch, end, done));
      }
    });
  }

  // ---- the consumer side

  private Future<Void> effect(Received<BenchEvent> event, SqlConnection tx) {
    UUID id = event.envelope().id();
    // completes when this transaction's COMMIT has answered (after the inbox row and the effect)
    tx.transaction().completion().onSuccess(v -> effected(id, System.nanoTime()));
    BenchEvent e = event.payload();
    return tx.preparedQuery(INSERT_EFFECT)
        .execute(Tuple.of(id, e.phase(), e.seq(), event.envelope().occurredAt().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  private void effected(UUID id, long now) {
    Stamp s = pending.get(id);
    if (s == null) {
      unknown.incrementAndGet();
      return;
    }
    Boolean both = s.effected(now);
    if (both == null) {
      return;  // a second effect of one event (the inbox should make that impossible; report() counts rows)
    }
    s.phase.delivered.incrementAndGet();
    if (both) {
      done(id, s);
    }
  }

  private void done(UUID id, Stamp s) {
    pending.remove(id);
    s.phase.record(s.commitNanos, s.effectNanos);
  }

  /** Completes once every event the phase committed had its effect committed (or after drainSeconds). */
  private Future<Void> drain(Phase phase) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(option("drainSeconds", 120));
    vertx.setPeriodic(20, timer -> {
      if (phase.delivered.get() >= phase.committed.get() || System.nanoTime() > deadline) {
        vertx.cancelTimer(timer);
        done.complete();
      }
    });
    return done.future();
  }

  private void report(int round, String variant, Phase p, int seconds) throws Exception {
    Row pgRow = await(consumerPool.preparedQuery(PG_LATENCY).execute(Tuple.of(p.name))).iterator().next();
    double pgP50 = orNaN(pgRow.getDouble("p50"));
    double pgP99 = orNaN(pgRow.getDouble("p99"));
    long rows = pgRow.getLong("n");
    long distinct = pgRow.getLong("distinct_ids");
    Phase.Figures f = p.figures();
    long expected = p.expected > 0 ? p.expected : p.committed.get();
    // RESULT round variant expected committed delivered writes/s events/s p50 p99 backlog drain_s errors pg_p50 pg_p99 early
    System.out.printf("RESULT %d %s %d %d %d %.1f %.1f %.2f %.2f %d %.2f %d %.2f %.2f %d%n", round, variant, expected,
        p.committed.get(), p.delivered.get(), f.writesPerSec(), f.eventsPerSec(), f.p50Millis(), f.p99Millis(), f.backlog(),
        f.drainSeconds(), p.errors.get(), pgP50, pgP99, f.early());
    System.out.flush();
    log("round %d %-8s delivered %d/%d (effect rows %d, distinct %d), writes %.0f/s, end to end %.0f/s, p50 %.2f ms, "
            + "p99 %.2f ms, backlog %d drained in %.2f s, failed writes %d; PostgreSQL clock p50 %.2f ms, p99 %.2f ms",
        round, variant, p.delivered.get(), expected, rows, distinct, f.writesPerSec(), f.eventsPerSec(), f.p50Millis(),
        f.p99Millis(), f.backlog(), f.drainSeconds(), p.errors.get(), pgP50, pgP99);
    if (rows != distinct) {
      log("WARNING: %d events had more than one effect", rows - distinct);
    }
    // a second apart, so the next phase does not start on this one's autovacuum and flushes
    Thread.sleep(1000);
  }

  private static double orNaN(Double d) {
    return d == null ? Double.NaN : d;
  }

  private void deleteQueues(RabbitMQOptions amqp, EventQueue queue) {
    RabbitMQClient admin = RabbitMQClient.create(vertx, new RabbitMQOptions(amqp).setReconnectAttempts(0)
        .setAutomaticRecoveryEnabled(false).setAutomaticRecoveryOnInitialConnection(false));
    try {
      await(admin.start());
      List<String> queues = new ArrayList<>(List.of(queue.name(), queue.deadLetterQueue()));
      List<String> exchanges = new ArrayList<>(List.of(queue.requeueExchange(), queue.deadExchange()));
      for (int n = 1; n <= queue.retries(); n++) {
        queues.add(queue.retryQueue(n));
        exchanges.add(queue.retryExchange(n));
      }
      for (String q : queues) {
        await(admin.queueDelete(q));
      }
      for (String x : exchanges) {
        await(admin.exchangeDelete(x));
      }
      await(admin.stop());
    } catch (Exception e) {
      log("could not delete the run's queues (%s): %s", queue.name(), e);
    }
  }

  // ---- small things

  private int option(String key, int fallback) {
    return Integer.parseInt(opts.getOrDefault(key, String.valueOf(fallback)).trim());
  }

  private static String letters(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return s.toString();
  }

  private static void log(String format, Object... args) {
    System.err.println(String.format(format, args));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  private static void waitFor(int seconds, String what, java.util.function.BooleanSupplier ok) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** One consumer instance, on an event loop of its own, as a service's verticle instance runs it. */
  private static final class ConsumerVerticle extends VerticleBase {
    private final EventsBench bench;
    private final String queue;
    private final PgSettings pg;
    private final ConsumerSettings settings;
    private final RabbitMQOptions amqp;
    private final MeterRegistry registry;
    private EventConsumer consumer;

    ConsumerVerticle(EventsBench bench, String queue, PgSettings pg, ConsumerSettings settings, RabbitMQOptions amqp,
                     MeterRegistry registry) {
      this.bench = bench;
      this.queue = queue;
      this.pg = pg;
      this.settings = settings;
      this.amqp = amqp;
      this.registry = registry;
    }

    @Override
    public Future<?> start() {
      return EventConsumer.on(queue).handle(bench.topic, bench::effect)
          .start(vertx, bench.consumerPool, pg, settings, amqp, registry)
          .onSuccess(c -> {
            consumer = c;
            bench.consumers.add(c);
          });
    }

    @Override
    public Future<?> stop() {
      return consumer == null ? Future.succeededFuture() : consumer.stop();
    }
  }

  /** When an event's writer commit and its consumer commit answered; whichever side comes second records it. */
  private static final class Stamp {
    final Phase phase;
    long commitNanos = -1;
    long effectNanos = -1;

    Stamp(Phase phase) {
      this.phase = phase;
    }

    synchronized boolean committed(long now) {
      commitNanos = now;
      return effectNanos >= 0;
    }

    /** Whether the commit is known too; null when an effect was already seen. */
    synchronized Boolean effected(long now) {
      if (effectNanos >= 0) {
        return null;
      }
      effectNanos = now;
      return commitNanos >= 0;
    }
  }

  /** One measured phase: its window and every event's commit and effect times. */
  private static final class Phase {
    final String name;
    final long expected;
    final AtomicLong seq = new AtomicLong();
    final AtomicLong committed = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private volatile long start;
    private volatile long end;
    private long[] commits = new long[1 << 14];
    private long[] effects = new long[1 << 14];
    private int n;

    record Figures(double writesPerSec, double eventsPerSec, double p50Millis, double p99Millis, long backlog,
                   double drainSeconds, long early) {}

    Phase(String name, long expected) {
      this.name = name;
      this.expected = expected;
    }

    void window(long start, long end) {
      this.start = start;
      this.end = end;
    }

    synchronized void record(long commit, long effect) {
      if (n == commits.length) {
        commits = Arrays.copyOf(commits, n * 2);
        effects = Arrays.copyOf(effects, n * 2);
      }
      commits[n] = commit;
      effects[n] = effect;
      n++;
    }

    synchronized Figures figures() {
      double window = (end - start) / 1e9;
      long[] latencies = new long[n];
      long writesInWindow = 0;
      long effectsInWindow = 0;
      long lastEffect = end;
      long early = 0;
      for (int i = 0; i < n; i++) {
        long latency = effects[i] - commits[i];
        if (latency < 0) {
          // the consumer's commit answered before the writer's callback ran (a busy writer loop): count it as 0
          early++;
          latency = 0;
        }
        latencies[i] = latency;
        if (commits[i] <= end) {
          writesInWindow++;
        }
        if (effects[i] <= end) {
          effectsInWindow++;
        }
        lastEffect = Math.max(lastEffect, effects[i]);
      }
      Arrays.sort(latencies);
      return new Figures(writesInWindow / window, effectsInWindow / window, percentile(latencies, 0.50) / 1e6,
          percentile(latencies, 0.99) / 1e6, n - effectsInWindow, (lastEffect - end) / 1e9, early);
    }

    private static double percentile(long[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(q * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }
  }
}
