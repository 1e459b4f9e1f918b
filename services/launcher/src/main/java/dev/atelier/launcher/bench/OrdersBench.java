package dev.atelier.launcher.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The order saga under load, over the real API ({@code scripts/bench/orders} runs it; arguments are
 * {@code key=value}): seeds a merchant's products with a huge stock and tops up every customer, then
 * <ul>
 *   <li><b>steady</b>: {@code POST /api/orders} open-loop at {@code rate}/s for {@code duration} s
 *       (after {@code warmup} s of the same, discarded), each order then polled with
 *       {@code GET /api/orders/{id}} until it is CONFIRMED or CANCELLED. Latency runs from the POST's
 *       scheduled send to the poll answer that showed CONFIRMED, so it is client-observed and its
 *       resolution is the poll interval plus one GET;</li>
 *   <li><b>saturation</b>: {@code concurrency} customers in a closed loop, each placing its next order
 *       as soon as the last one was accepted (202), never waiting for confirmation, for
 *       {@code duration} s. Confirmed orders/s come from the database once the saga drained: the
 *       orders created inside the window and confirmed, over the time from the window's start to the
 *       last of their decisions ({@code updated_at}), so a saga that falls behind the 202s is not
 *       credited with them (those decided inside the window are reported too). Latencies there are
 *       server timestamps: {@code created_at} (the orders service, after pricing, before its insert)
 *       to {@code updated_at} (the CONFIRMED decision).</li>
 * </ul>
 * Before each phase the platform is left to go quiet: no order PENDING, no unsent outbox row, no
 * ready message in any work queue, so one phase's tail (captures, cancellations, read-model updates)
 * is not the next one's load. Prints the figures ({@code RESULT} lines) and writes them as JSON.
 */
public final class OrdersBench {
  private static final long PRICE_CENTS = 100;
  private static final int STOCK = 1_000_000_000;          // the API's maximum
  private static final long TOP_UP_CENTS = 10_000_000;     // the API's maximum top-up: 100,000 orders each
  private static final JsonObject NOTHING = new JsonObject();

  private final Vertx vertx;
  private final Context context;
  private final WebClient http;
  private final Pool db;
  private final RabbitMQClient broker;
  private final String base;
  private final String queuePrefix;
  private final String runId = Long.toString(System.nanoTime(), 36);
  private final List<String> customers;
  private final int pollMs;
  private final int quietSeconds;
  private final List<JsonObject> bodies = new ArrayList<>();  // one order body per product
  private final List<String> queues = new ArrayList<>();
  private final long platformPid;
  private final long brokerPid;   // a local RabbitMQ's beam.smp (shared: other users' traffic counts too)
  private double pollBudget;     // polls per second for all outstanding orders together

  private OrdersBench(Vertx vertx, Map<String, String> a, List<String> customers, int connections) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
    this.db = PgBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(2))
        // named, so its own backends are told apart from the platform's in the CPU by client
        .connectingTo(PgConnectOptions.fromUri(a.get("pgUrl")).setProperties(Map.of("application_name", "orders-bench")))
        .using(vertx).build();
    this.broker = RabbitMQClient.create(vertx, new RabbitMQOptions().setUri(a.get("amqpUrl"))
        .setAutomaticRecoveryEnabled(false).setReconnectAttempts(0));
    this.base = a.get("base");
    this.queuePrefix = a.getOrDefault("queuePrefix", "");
    this.customers = customers;
    this.pollMs = Integer.parseInt(a.get("pollMs"));
    this.quietSeconds = Integer.parseInt(a.get("drainSeconds"));
    this.platformPid = Long.parseLong(a.getOrDefault("platformPid", "0"));
    this.brokerPid = Long.parseLong(a.getOrDefault("brokerPid", "0"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    double rate = Double.parseDouble(a.get("rate"));
    int duration = Integer.parseInt(a.get("duration"));
    int warmup = Integer.parseInt(a.get("warmup"));
    int concurrency = Integer.parseInt(a.get("concurrency"));
    int products = Integer.parseInt(a.getOrDefault("products", "1"));
    List<String> tokens = Files.readAllLines(Path.of(a.get("customerTokens"))).stream().filter(l -> !l.isBlank()).toList();
    String merchant = Files.readString(Path.of(a.get("merchantToken"))).trim();

    // one event loop: the client's work is small, and the machine's cores are the platform's
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    var bench = new OrdersBench(vertx, a, tokens, Math.max(concurrency, 64) + 64);
    String productFile = a.get("productFile");
    try {
      JsonObject out = bench.on(() -> bench.broker.start()
              .compose(v -> bench.seed(merchant, products))
              // the script deletes the products' cache entries on exit, whatever happens after this
              .compose(ids -> productFile == null ? Future.succeededFuture()
                  : vertx.fileSystem().writeFile(productFile, Buffer.buffer(String.join("\n", ids) + "\n")))
              .compose(v -> bench.run(rate, duration, warmup, concurrency)))
          .toCompletionStage().toCompletableFuture().get();
      out.put("benchmark", "orders").put("products", products).put("servers", a.get("servers")).put("commit", a.get("commit"))
          .put("cores", Runtime.getRuntime().availableProcessors());
      Files.writeString(Path.of(a.get("out")), out.encodePrettily() + "\n");
    } finally {
      // the AMQP client's threads are not daemons: a JVM left to them outlives the run
      bench.on(() -> bench.broker.stop().otherwiseEmpty()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  /** Runs {@code work} on the bench's one context, so every callback after it is on that thread too. */
  private <T> Future<T> on(Supplier<Future<T>> work) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }

  private static void progress(String what) {
    System.err.println(Instant.now() + " " + what);
  }

  private Future<JsonObject> run(double rate, int duration, int warmup, int concurrency) {
    JsonObject out = new JsonObject().put("rate", rate).put("durationSeconds", duration).put("warmupSeconds", warmup)
        .put("concurrency", concurrency).put("customers", customers.size()).put("pollMs", pollMs)
        .put("priceCents", PRICE_CENTS);
    // the warm-up is paced like the steady phase (at 50/s when that is skipped)
    return open("warmup", rate > 0 ? rate : 50, warmup)
        .map(w -> {
          // discarded, but a cold platform's refusals belong in the record (they count in the platform's log too)
          JsonObject s = w.toJson();
          out.put("warmup", s);
          System.out.printf("RESULT warm-up (discarded): %d placed, %d confirmed, %d cancelled%s%n", s.getInteger("placed"),
              s.getInteger("confirmed"), sum(s.getJsonObject("cancelled")), problems(s));
          return w;
        })
        .compose(w -> quiet())
        .compose(q -> rate <= 0 ? Future.succeededFuture() : cpu().compose(before -> open("steady", rate, duration)
            // nothing is placed between the steady window and this query, so "created since its start" is exact
            .compose(steady -> quiet().compose(d -> cpu()).compose(after -> latencies(steady.windowStart, Instant.now())
                .map(server -> {
                  JsonObject s = steady.toJson().put("server", server)
                      .put("cpu", after.minus(before).toJson(server.getLong("created")));
                  out.put("steady", s);
                  printSteady(rate, s);
                  return null;
                })))))
        .compose(v -> concurrency <= 0 ? Future.succeededFuture() : cpu().compose(before -> closed(concurrency, duration)
            .compose(sat -> backlog(sat.windowEnd).compose(backlog -> quiet().compose(q -> cpu())
                .compose(after -> throughput(sat.windowStart, sat.windowEnd)
                    .compose(server -> latencies(sat.windowStart, sat.windowEnd).map(server::mergeIn))
                    .map(server -> {
                      JsonObject s = sat.toJson().put("server", server).put("backlogAtWindowEnd", backlog)
                          .put("cpu", after.minus(before).toJson(server.getLong("created")));
                      out.put("saturation", s);
                      printSaturation(concurrency, s);
                      return null;
                    }))))))
        .compose(v -> tableScans()).map(scans -> out.put("tableScans", scans));
  }

  // a sequential scan that reads many rows is the first suspect when the database's CPU per order is high
  private static final String TABLE_SCANS = """
      SELECT schemaname || '.' || relname AS t, seq_scan, seq_tup_read, coalesce(idx_scan, 0) AS idx_scan,
             n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables ORDER BY seq_tup_read DESC LIMIT 12""";

  /** The run's table statistics: scans by kind, rows written (all phases, seeding included). */
  private Future<JsonObject> tableScans() {
    return db.query(TABLE_SCANS).execute().map(rows -> {
      JsonObject out = new JsonObject();
      for (Row r : rows) {
        out.put(r.getString("t"), new JsonObject().put("seqScan", r.getLong("seq_scan")).put("seqTupRead", r.getLong("seq_tup_read"))
            .put("idxScan", r.getLong("idx_scan")).put("inserted", r.getLong("n_tup_ins")).put("updated", r.getLong("n_tup_upd"))
            .put("deleted", r.getLong("n_tup_del")));
      }
      return out;
    }).otherwise(e -> new JsonObject().put("error", e.toString()));
  }

  // ---- CPU: where the cores went between a phase's start and the platform going quiet after it

  /** CPU time in clock ticks (USER_HZ, 100 a second) of the platform's JVM, its database backends and the machine. */
  private record Cpu(long platform, long database, Map<String, Long> byClient, long broker, long machineBusy,
                     long machineTotal, long nanos) {
    Cpu minus(Cpu o) {
      Map<String, Long> clients = new TreeMap<>(byClient);
      o.byClient.forEach((k, v) -> clients.merge(k, -v, Long::sum));
      return new Cpu(platform - o.platform, database - o.database, clients, broker - o.broker, machineBusy - o.machineBusy,
          machineTotal - o.machineTotal, nanos - o.nanos);
    }

    JsonObject toJson(long orders) {
      double seconds = nanos / 1e9;
      return new JsonObject().put("seconds", round1(seconds))
          .put("platformCores", round2(platform / 100.0 / seconds)).put("databaseCores", round2(database / 100.0 / seconds))
          .put("platformMsPerOrder", orders == 0 ? 0 : round1(platform * 10.0 / orders))
          .put("databaseMsPerOrder", orders == 0 ? 0 : round1(database * 10.0 / orders))
          .put("brokerCores", broker == 0 ? null : round2(broker / 100.0 / seconds))
          .put("brokerMsPerOrder", broker == 0 || orders == 0 ? null : round1(broker * 10.0 / orders))
          .put("machineBusyShare", machineTotal == 0 ? 0 : round2((double) machineBusy / machineTotal))
          .put("databaseMsPerOrderByClient", byClient(orders));
    }

    /** The backends' CPU by application_name (atelier-<service>, atelier-relay-<schema>), busiest first. */
    private JsonObject byClient(long orders) {
      JsonObject out = new JsonObject();
      byClient.entrySet().stream().filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> out.put(e.getKey(), orders == 0 ? 0 : round1(e.getValue() * 10.0 / orders)));
      return out;
    }
  }

  private static final String BACKENDS = """
      SELECT pid, coalesce(nullif(application_name, ''), backend_type) AS client FROM pg_stat_activity
      WHERE datname = current_database()""";

  /** Reads /proc (Linux); zeros where it cannot, e.g. without the platform's pid. */
  private Future<Cpu> cpu() {
    return db.query(BACKENDS).execute().map(rows -> {
      long database = 0;
      Map<String, Long> byClient = new TreeMap<>();
      for (Row r : rows) {
        long t = ticks(r.getInteger("pid"));
        database += t;
        byClient.merge(r.getString("client"), t, Long::sum);
      }
      long busy = 0;
      long total = 0;
      try {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        for (int i = 1; i < cpu.length && i <= 8; i++) {
          long v = Long.parseLong(cpu[i]);
          total += v;
          busy += i == 4 || i == 5 ? 0 : v;   // idle and iowait are not busy
        }
      } catch (Exception e) {
        // not Linux: the machine's share stays unknown (0)
      }
      return new Cpu(platformPid > 0 ? ticks(platformPid) : 0, database, byClient, brokerPid > 0 ? ticks(brokerPid) : 0,
          busy, total, System.nanoTime());
    }).otherwise(e -> new Cpu(0, 0, Map.of(), 0, 0, 0, System.nanoTime()));
  }

  /** utime + stime of process {@code pid}, 0 when it is gone. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  // ---- seeding, over the API

  /** The products' ids, once they exist and every customer has money. */
  private Future<List<String>> seed(String merchant, int products) {
    List<Future<String>> created = new ArrayList<>();
    for (int p = 0; p < products; p++) {
      var product = new JsonObject().put("name", "Orders bench product " + p).put("description", "Seeded by OrdersBench.")
          .put("priceCents", PRICE_CENTS).put("currency", "EUR").put("tags", List.of("bench")).put("stock", STOCK);
      created.add(http.postAbs(base + "/api/products").bearerTokenAuthentication(merchant)
          .putHeader("Idempotency-Key", "orders-bench-product-" + runId + "-" + p).sendJsonObject(product)
          .compose(r -> expect(r, 201, "create product"))
          .map(r -> r.bodyAsJsonObject().getString("id")));
    }
    return Future.all(created).compose(all -> {
      for (Future<String> id : created) {
        bodies.add(new JsonObject().put("items", new JsonArray().add(new JsonObject().put("productId", id.result()).put("quantity", 1))));
      }
      List<Future<?>> topUps = new ArrayList<>();
      for (int c = 0; c < customers.size(); c++) {
        topUps.add(http.postAbs(base + "/api/wallet/top-ups").bearerTokenAuthentication(customers.get(c))
            .putHeader("Idempotency-Key", "orders-bench-top-up-" + runId + "-" + c)
            .sendJsonObject(new JsonObject().put("amountCents", TOP_UP_CENTS))
            .compose(t -> expect(t, 201, "top up")));
      }
      return Future.all(topUps);
    }).compose(v -> workQueues()).map(v -> {
      List<String> ids = created.stream().map(Future::result).toList();
      System.err.println("seeded " + ids.size() + " product(s) (stock " + STOCK + " each), topped up " + customers.size()
          + " customers; work queues " + queues);
      return ids;
    });
  }

  private static Future<HttpResponse<Buffer>> expect(HttpResponse<Buffer> r, int status, String what) {
    return r.statusCode() == status ? Future.succeededFuture(r)
        : Future.failedFuture(what + ": " + r.statusCode() + " " + r.bodyAsString());
  }

  private Future<HttpResponse<Buffer>> place(String token, String key, long n) {
    return http.postAbs(base + "/api/orders").bearerTokenAuthentication(token).putHeader("Idempotency-Key", key)
        .sendJsonObject(bodies.get((int) (n % bodies.size())));
  }

  private String newKey(String phase, long n) {
    return "orders-bench-" + runId + "-" + phase + "-" + n;
  }

  // ---- steady: open loop, each order polled to its end

  private static final class Steady {
    final String phase;
    final List<Long> confirmedNanos = new ArrayList<>();
    final Map<String, Integer> cancelled = new TreeMap<>();
    final Map<String, Integer> rejected = new TreeMap<>();   // non-2xx answers to the POST, by status
    int placed;
    int accepted;
    int errors;          // the POST failed without an answer
    int pollFailures;    // GETs that did not answer 200 (polled again)
    int unresolved;      // still PENDING when the bench gave up
    long maxSendLagNanos;
    Instant windowStart;
    Instant windowEnd;

    Steady(String phase) {
      this.phase = phase;
    }

    int resolved() {
      return confirmedNanos.size() + sum(cancelled) + sum(rejected) + errors + unresolved;
    }

    JsonObject toJson() {
      List<Long> sorted = new ArrayList<>(confirmedNanos);
      Collections.sort(sorted);
      return new JsonObject().put("placed", placed).put("accepted", accepted).put("confirmed", sorted.size())
          .put("cancelled", new JsonObject(new HashMap<>(cancelled))).put("non2xx", new JsonObject(new HashMap<>(rejected)))
          .put("errors", errors).put("unresolved", unresolved).put("pollFailures", pollFailures)
          .put("p50Ms", ms(percentile(sorted, 0.50))).put("p99Ms", ms(percentile(sorted, 0.99)))
          .put("maxMs", ms(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)))
          .put("maxSendLagMs", ms(maxSendLagNanos))
          .put("windowStart", windowStart.toString()).put("windowEnd", windowEnd.toString());
    }
  }

  private static final int POLLS_PER_ORDER = 20;

  private Future<Steady> open(String phase, double rate, int seconds) {
    pollBudget = POLLS_PER_ORDER * rate;
    progress(phase + ": " + rate + " orders/s for " + seconds + " s");
    Steady s = new Steady(phase);
    int total = (int) Math.round(rate * seconds);
    s.windowStart = s.windowEnd = Instant.now();
    if (total == 0) {
      return Future.succeededFuture(s);
    }
    Promise<Steady> done = Promise.promise();
    long start = System.nanoTime();
    Runnable check = () -> {
      if (s.placed == total && s.resolved() == total && !done.future().isComplete()) {
        done.complete(s);
      }
    };
    // due = orders whose scheduled send time has come; a late tick sends the missed ones at once
    vertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      long due = Math.min(total, (long) Math.floor((now - start) * rate / 1e9) + 1);
      while (s.placed < due) {
        int n = s.placed++;
        long scheduled = start + (long) (n * 1e9 / rate);
        s.maxSendLagNanos = Math.max(s.maxSendLagNanos, now - scheduled);
        placeAndFollow(s, n, scheduled, check);
      }
      if (s.placed == total) {
        vertx.cancelTimer(id);
        s.windowEnd = Instant.now();
      }
    });
    return done.future();
  }

  private void placeAndFollow(Steady s, int n, long scheduled, Runnable check) {
    String token = customers.get(n % customers.size());
    place(token, newKey(s.phase, n), n).onComplete(ar -> {
      if (ar.failed()) {
        s.errors++;
      } else if (ar.result().statusCode() != 202) {
        s.rejected.merge(Integer.toString(ar.result().statusCode()), 1, Integer::sum);
      } else {
        s.accepted++;
        String id = ar.result().bodyAsJsonObject().getString("id");
        vertx.setTimer(pollMs, t -> poll(s, token, id, scheduled, check));
        return;
      }
      check.run();
    });
  }

  private void poll(Steady s, String token, String id, long scheduled, Runnable check) {
    http.getAbs(base + "/api/orders/" + id).bearerTokenAuthentication(token).send().onComplete(ar -> {
      long now = System.nanoTime();
      JsonObject order = ar.succeeded() && ar.result().statusCode() == 200 ? ar.result().bodyAsJsonObject() : NOTHING;
      String status = order.getString("status", "");
      if (status.equals("CONFIRMED")) {
        s.confirmedNanos.add(now - scheduled);
      } else if (status.equals("CANCELLED")) {
        s.cancelled.merge(order.getString("cancelReason", "?"), 1, Integer::sum);
      } else if (now - scheduled > TimeUnit.SECONDS.toNanos(quietSeconds)) {
        s.unresolved++;
      } else {
        if (order == NOTHING) {
          s.pollFailures++;
        }
        // every pollMs while the saga keeps up; a saga falling behind must not be buried under polls (a
        // backlog of thousands polled every 5 ms would be the load, not the orders), so an order is
        // polled at most every twentieth of its age, and all of them together at most POLLS_PER_ORDER
        // times the order rate
        long outstanding = s.accepted - s.confirmedNanos.size() - sum(s.cancelled) - s.unresolved;
        long next = Math.max(Math.max(pollMs, (now - scheduled) / 20_000_000L), (long) (1000.0 * outstanding / pollBudget));
        vertx.setTimer(next, t -> poll(s, token, id, scheduled, check));
        return;
      }
      check.run();
    });
  }

  // ---- saturation: closed loop, the next order as soon as the last one was accepted

  private static final class Saturation {
    final List<Long> acceptNanos = new ArrayList<>();
    final Map<String, Integer> rejected = new TreeMap<>();
    int accepted;        // 202s answered inside the window
    int late;            // 202s answered after it (sent inside it)
    int errors;
    double seconds;
    Instant windowStart;
    Instant windowEnd;

    JsonObject toJson() {
      List<Long> sorted = new ArrayList<>(acceptNanos);
      Collections.sort(sorted);
      return new JsonObject().put("accepted", accepted).put("acceptedPerSec", round1(accepted / seconds))
          .put("acceptedAfterWindow", late).put("non2xx", new JsonObject(new HashMap<>(rejected))).put("errors", errors)
          .put("postP50Ms", ms(percentile(sorted, 0.50))).put("postP99Ms", ms(percentile(sorted, 0.99)))
          .put("windowStart", windowStart.toString()).put("windowEnd", windowEnd.toString()).put("windowSeconds", seconds);
    }
  }

  private Future<Saturation> closed(int concurrency, int seconds) {
    progress("saturation: " + concurrency + " customers for " + seconds + " s");
    Saturation s = new Saturation();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    s.windowStart = Instant.now();
    s.windowEnd = s.windowStart.plusSeconds(seconds);
    s.seconds = seconds;
    List<Future<Void>> workers = new ArrayList<>();
    long[] next = {0};
    for (int c = 0; c < concurrency; c++) {
      Promise<Void> done = Promise.promise();
      workers.add(done.future());
      loop(s, customers.get(c % customers.size()), end, next, done);
    }
    return Future.all(workers).map(s);
  }

  private void loop(Saturation s, String token, long end, long[] next, Promise<Void> done) {
    long sent = System.nanoTime();
    if (sent >= end) {
      done.complete();
      return;
    }
    long n = next[0]++;
    place(token, newKey("saturation", n), n).onComplete(ar -> {
      long now = System.nanoTime();
      boolean accepted = ar.succeeded() && ar.result().statusCode() == 202;
      if (ar.failed()) {
        s.errors++;
      } else if (!accepted) {
        s.rejected.merge(Integer.toString(ar.result().statusCode()), 1, Integer::sum);
      } else if (now <= end) {
        s.accepted++;
        s.acceptNanos.add(now - sent);
      } else {
        s.late++;
      }
      if (accepted) {
        loop(s, token, end, next, done);
      } else {
        // a refusal or a broken connection: a short pause, so a failing platform is not hammered in a loop
        vertx.setTimer(10, t -> loop(s, token, end, next, done));
      }
    });
  }

  // ---- the platform going quiet

  private static final String PENDING = "SELECT count(*) AS n FROM orders.orders WHERE status = 'PENDING'";
  private static final String UNSENT = """
      SELECT 'orders' AS schema, count(*) AS n FROM orders.outbox WHERE published_at IS NULL
      UNION ALL SELECT 'catalog', count(*) FROM catalog.outbox WHERE published_at IS NULL
      UNION ALL SELECT 'payments', count(*) FROM payments.outbox WHERE published_at IS NULL""";

  /** The run's work queues, as the node's metrics name them (each consumer registers its depth gauge). */
  private Future<Void> workQueues() {
    return metrics().map(text -> {
      for (String line : text.split("\n")) {
        String queue = queueOf(line);
        if (queue != null && !queue.endsWith(".dead-letters")) {
          queues.add(queue);
        }
      }
      return null;
    });
  }

  /**
   * Waits until no order is PENDING, no outbox row is unsent and no work queue holds a ready message,
   * twice in a row; fails after {@code drainSeconds}.
   */
  private Future<Void> quiet() {
    progress("waiting for the platform to go quiet");
    Promise<Void> done = Promise.promise();
    checkQuiet(System.nanoTime(), 0, done);
    return done.future().onSuccess(v -> progress("quiet"));
  }

  private void checkQuiet(long start, int quietChecks, Promise<Void> done) {
    Future<Long> pending = db.query(PENDING).execute().map(rows -> rows.iterator().next().getLong("n"));
    Future<Long> unsent = db.query(UNSENT).execute().map(rows -> {
      long n = 0;
      for (Row r : rows) {
        n += r.getLong("n");
      }
      return n;
    });
    List<Future<Long>> depths = new ArrayList<>(List.of(pending, unsent));
    queues.forEach(q -> depths.add(broker.messageCount(q)));
    Future.all(depths).onComplete(ar -> {
      boolean idle = ar.succeeded() && depths.stream().allMatch(f -> f.result() == 0);
      if (idle && quietChecks >= 1) {
        done.complete();
      } else if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(quietSeconds)) {
        done.fail("the platform was not quiet " + quietSeconds + " s after the load stopped (PENDING orders, unsent"
            + " events, ready messages: " + depths.stream().map(f -> String.valueOf(f.result())).toList() + ")"
            + (ar.failed() ? ": " + ar.cause() : ""));
      } else {
        vertx.setTimer(idle ? 500 : 100, t -> checkQuiet(start, idle ? quietChecks + 1 : 0, done));
      }
    });
  }

  // ---- where the backlog sits when the window closes

  private static final String PENDING_STEPS = """
      SELECT stock_step, payment_step, count(*) AS n FROM orders.orders WHERE status = 'PENDING'
      GROUP BY stock_step, payment_step ORDER BY n DESC""";

  /** At {@code windowEnd}: PENDING orders by saga step, unsent events per schema, ready messages per work queue. */
  private Future<JsonObject> backlog(Instant windowEnd) {
    long waitMs = Math.max(1, windowEnd.toEpochMilli() - System.currentTimeMillis());
    Promise<Void> atEnd = Promise.promise();
    vertx.setTimer(waitMs, t -> atEnd.complete());
    JsonObject out = new JsonObject();
    return atEnd.future().compose(v -> {
      Map<String, Future<Long>> depths = new TreeMap<>();
      queues.forEach(q -> depths.put(q.startsWith(queuePrefix) ? q.substring(queuePrefix.length()) : q, broker.messageCount(q)));
      Future<JsonObject> pools = metrics().map(OrdersBench::pools).otherwise(e -> new JsonObject().put("error", e.toString()));
      return Future.all(db.query(PENDING_STEPS).execute(), db.query(UNSENT).execute(), Future.all(List.copyOf(depths.values())),
              pools)
          .map(all -> {
            JsonObject pending = new JsonObject();
            long total = 0;
            for (Row r : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
              pending.put("stock " + r.getString("stock_step") + ", payment " + r.getString("payment_step"), r.getLong("n"));
              total += r.getLong("n");
            }
            JsonObject unsent = new JsonObject();
            all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1).forEach(r -> unsent.put(r.getString("schema"), r.getLong("n")));
            JsonObject ready = new JsonObject();
            depths.forEach((q, n) -> ready.put(q, n.result()));
            return out.put("pending", total).put("pendingBySteps", pending).put("unsentOutboxRows", unsent)
                .put("readyMessages", ready).put("pools", pools.result());
          });
    });
  }

  private Future<String> metrics() {
    return http.getAbs(base + "/metrics").send().compose(r -> expect(r, 200, "metrics")).map(HttpResponse::bodyAsString);
  }

  /** Each connection pool's connections in use and requests waiting for one, from the node's metrics. */
  private static JsonObject pools(String metrics) {
    JsonObject pools = new JsonObject();
    for (String line : metrics.split("\n")) {
      String kind = line.startsWith("vertx_pool_in_use{") ? "inUse" : line.startsWith("vertx_pool_queue_pending{") ? "waiting" : null;
      int n = line.indexOf("pool_name=\"");
      String name = kind == null || n < 0 ? null : line.substring(n + 11, line.indexOf('"', n + 11));
      // unnamed pools (a client's own, named by a random id) are not the node's
      if (name == null || name.matches("[0-9a-f-]{36}")) {
        continue;
      }
      JsonObject pool = pools.getJsonObject(name, new JsonObject());
      pools.put(name, pool.put(kind, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    }
    return pools;
  }

  private static String queueOf(String metricLine) {
    int q = metricLine.indexOf("queue=\"");
    return metricLine.startsWith("atelier_events_queue_depth{") && q >= 0
        ? metricLine.substring(q + 7, metricLine.indexOf('"', q + 7)) : null;
  }

  // ---- the database's view

  // orders decided inside the window (throughput), and the orders created inside it (outcomes, latency)
  private static final String DECIDED_IN_WINDOW = """
      SELECT count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed, count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled
      FROM orders.orders WHERE updated_at >= $1 AND updated_at < $2 AND status <> 'PENDING'""";
  private static final String CREATED_IN_WINDOW = """
      SELECT status, cancel_reason, count(*) AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
             max(ms) AS max, count(*) FILTER (WHERE updated_at >= $2) AS decided_after_window,
             EXTRACT(EPOCH FROM max(updated_at) - $2) AS last_decision_after_window
      FROM (SELECT status, cancel_reason, updated_at, EXTRACT(EPOCH FROM updated_at - created_at) * 1000 AS ms
            FROM orders.orders WHERE created_at >= $1 AND created_at < $2) o
      GROUP BY status, cancel_reason""";

  // where a confirmed order's time went, from each participant's own row (PostgreSQL's clock, the same
  // machine's): the order's insert -> the catalog's reservation row and payments' hold row (each
  // written early in its transaction: the relay, the broker and the consumer's queue are in there)
  // -> the later of the two -> the decision. A read across schemas, which only a benchmark may do.
  private static final String HOPS = """
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY stock) AS stock_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY stock) AS stock_p99,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY funds) AS funds_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY funds) AS funds_p99,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY decide) AS decide_p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY decide) AS decide_p99
      FROM (SELECT EXTRACT(EPOCH FROM r.created_at - o.created_at) * 1000 AS stock,
                   EXTRACT(EPOCH FROM h.created_at - o.created_at) * 1000 AS funds,
                   EXTRACT(EPOCH FROM o.updated_at - greatest(r.created_at, h.created_at)) * 1000 AS decide
            FROM orders.orders o JOIN catalog.reservations r ON r.order_id = o.id JOIN payments.holds h ON h.order_id = o.id
            WHERE o.status = 'CONFIRMED' AND o.created_at >= $1 AND o.created_at < $2) x""";

  private Future<JsonObject> hops(Instant from, Instant to) {
    return db.preparedQuery(HOPS).execute(window(from, to)).map(rows -> {
      Row r = rows.iterator().next();
      JsonObject out = new JsonObject();
      for (String hop : List.of("stock", "funds", "decide")) {
        Double p50 = r.getDouble(hop + "_p50");
        out.put(hop, new JsonObject().put("p50Ms", p50 == null ? null : round1(p50))
            .put("p99Ms", p50 == null ? null : round1(r.getDouble(hop + "_p99"))));
      }
      return out;
    }).otherwise(e -> new JsonObject().put("error", e.toString()));
  }

  private static Tuple window(Instant from, Instant to) {
    return Tuple.of(OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
  }

  /** Orders decided inside [from, to), per second of it. */
  private Future<JsonObject> throughput(Instant from, Instant to) {
    double seconds = (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    return db.preparedQuery(DECIDED_IN_WINDOW).execute(window(from, to)).map(decided -> {
      Row d = decided.iterator().next();
      return new JsonObject().put("confirmedInWindow", d.getLong("confirmed"))
          .put("confirmedPerSec", round1(d.getLong("confirmed") / seconds))
          .put("cancelledInWindow", d.getLong("cancelled"));
    });
  }

  /** The outcomes of the orders created inside [from, to), and the latency of the confirmed ones. */
  private Future<JsonObject> latencies(Instant from, Instant to) {
    return hops(from, to).compose(hops -> db.preparedQuery(CREATED_IN_WINDOW).execute(window(from, to)).map(created -> {
      JsonObject out = new JsonObject().put("createdAndConfirmed", 0L);
      JsonObject cancelled = new JsonObject();
      long decidedAfter = 0;
      long createdTotal = 0;
      double lastDecision = 0;
      for (Row r : created) {
        createdTotal += r.getLong("n");
        decidedAfter += r.getLong("decided_after_window");
        lastDecision = Math.max(lastDecision, r.getDouble("last_decision_after_window"));
        if (r.getString("status").equals("CONFIRMED")) {
          out.put("createdAndConfirmed", r.getLong("n")).put("p50Ms", round1(r.getDouble("p50")))
              .put("p99Ms", round1(r.getDouble("p99"))).put("maxMs", round1(r.getDouble("max")));
        } else {
          cancelled.put(r.getString("cancel_reason") == null ? r.getString("status") : r.getString("cancel_reason"), r.getLong("n"));
        }
      }
      double window = (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
      // the rate the saga decided the window's orders at, from the window's start to the last decision
      long confirmed = out.getLong("createdAndConfirmed");
      return out.put("created", createdTotal).put("createdAndCancelled", cancelled).put("decidedAfterWindow", decidedAfter)
          .put("lastDecisionSecondsAfterWindow", round2(lastDecision))
          .put("confirmedPerSecUntilLastDecision", round1(confirmed / (window + lastDecision))).put("hops", hops);
    }));
  }

  // ---- printing

  private void printSteady(double rate, JsonObject s) {
    JsonObject server = s.getJsonObject("server");
    System.out.printf("RESULT steady %s/s: %d placed, %d confirmed, %d cancelled%s, p50 %.0f ms, p99 %.0f ms, max %.0f ms"
            + " (client-observed: POST scheduled -> CONFIRMED seen, polled every %d ms, coarser once the saga falls behind)%n",
        fmt(rate), s.getInteger("placed"), s.getInteger("confirmed"), sum(s.getJsonObject("cancelled")),
        problems(s), s.getDouble("p50Ms"), s.getDouble("p99Ms"), s.getDouble("maxMs"), pollMs);
    System.out.printf("RESULT   the same orders by server timestamps (created_at -> updated_at): p50 %.1f ms, p99 %.1f ms,"
        + " max %.1f ms%n", server.getDouble("p50Ms", 0.0), server.getDouble("p99Ms", 0.0), server.getDouble("maxMs", 0.0));
    printHops(server.getJsonObject("hops"));
    printCpu(s.getJsonObject("cpu"));
  }

  private static void printHops(JsonObject hops) {
    if (hops.containsKey("error") || hops.getJsonObject("stock").getDouble("p50Ms") == null) {
      return;
    }
    System.out.printf("RESULT   where it went (p50 / p99, server timestamps): placed -> stock reserved %.0f / %.0f ms,"
            + " placed -> funds held %.0f / %.0f ms, the later of the two -> CONFIRMED %.0f / %.0f ms%n",
        hops.getJsonObject("stock").getDouble("p50Ms"), hops.getJsonObject("stock").getDouble("p99Ms"),
        hops.getJsonObject("funds").getDouble("p50Ms"), hops.getJsonObject("funds").getDouble("p99Ms"),
        hops.getJsonObject("decide").getDouble("p50Ms"), hops.getJsonObject("decide").getDouble("p99Ms"));
  }

  private static void printCpu(JsonObject cpu) {
    String broker = cpu.getDouble("brokerCores") == null ? ""
        : String.format(", the local broker %.2f cores (%.1f ms per order, other users' traffic included)",
            cpu.getDouble("brokerCores"), cpu.getDouble("brokerMsPerOrder"));
    System.out.printf("RESULT   CPU from the phase's start until quiet (%.0f s): platform JVM %.2f cores (%.1f ms per order),"
            + " its PostgreSQL backends %.2f cores (%.1f ms per order)%s; the machine %.0f%% busy, other work included%n",
        cpu.getDouble("seconds"), cpu.getDouble("platformCores"), cpu.getDouble("platformMsPerOrder"),
        cpu.getDouble("databaseCores"), cpu.getDouble("databaseMsPerOrder"), broker, 100 * cpu.getDouble("machineBusyShare"));
    System.out.printf("RESULT   PostgreSQL ms per order by client: %s%n", cpu.getJsonObject("databaseMsPerOrderByClient").encode());
  }

  private static void printSaturation(int concurrency, JsonObject s) {
    JsonObject server = s.getJsonObject("server");
    JsonObject backlog = s.getJsonObject("backlogAtWindowEnd");
    System.out.printf("RESULT saturation (%d customers): accepted %.0f/s, confirmed %.0f/s end to end, p50 %.0f ms,"
            + " p99 %.0f ms, max %.0f ms (server timestamps: created_at -> updated_at)%n",
        concurrency, s.getDouble("acceptedPerSec"), server.getDouble("confirmedPerSecUntilLastDecision"),
        server.getDouble("p50Ms", 0.0), server.getDouble("p99Ms", 0.0), server.getDouble("maxMs", 0.0));
    System.out.printf("RESULT   end to end = the %d orders created in the %.0f s window and confirmed, over the %.1f s from its"
            + " start to the last decision; decided inside the window: %.0f confirmed/s%n",
        server.getLong("createdAndConfirmed"), s.getDouble("windowSeconds"),
        s.getDouble("windowSeconds") + server.getDouble("lastDecisionSecondsAfterWindow"), server.getDouble("confirmedPerSec"));
    printHops(server.getJsonObject("hops"));
    System.out.printf("RESULT   POST 202 p50 %.1f ms, p99 %.1f ms (client); non-2xx %s, errors %d; of the %d orders created"
            + " in the window %d confirmed, cancelled %s; %d decided after it%n",
        s.getDouble("postP50Ms"), s.getDouble("postP99Ms"), s.getJsonObject("non2xx").encode(), s.getInteger("errors"),
        server.getLong("created"), server.getLong("createdAndConfirmed"), server.getJsonObject("createdAndCancelled").encode(),
        server.getLong("decidedAfterWindow"));
    System.out.printf("RESULT   backlog when the window closed: %d orders PENDING %s; unsent events %s; ready messages %s;"
            + " pools (connections in use, waiting) %s%n",
        backlog.getLong("pending"), backlog.getJsonObject("pendingBySteps").encode(),
        backlog.getJsonObject("unsentOutboxRows").encode(), backlog.getJsonObject("readyMessages").encode(),
        backlog.getJsonObject("pools").encode());
    printCpu(s.getJsonObject("cpu"));
  }

  private static String problems(JsonObject s) {
    StringBuilder b = new StringBuilder();
    if (!s.getJsonObject("non2xx").isEmpty()) {
      b.append(", non-2xx ").append(s.getJsonObject("non2xx").encode());
    }
    if (s.getInteger("errors") > 0) {
      b.append(", errors ").append(s.getInteger("errors"));
    }
    if (s.getInteger("unresolved") > 0) {
      b.append(", unresolved ").append(s.getInteger("unresolved"));
    }
    return b.toString();
  }

  // ---- small things

  private static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static int sum(Map<String, Integer> m) {
    return m.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static long sum(JsonObject counts) {
    return counts.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
  }

  private static double ms(long nanos) {
    return round1(nanos / 1e6);
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
