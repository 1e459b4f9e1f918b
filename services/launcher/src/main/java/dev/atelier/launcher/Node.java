package dev.atelier.launcher;

import dev.atelier.codecs.Codecs;
import dev.atelier.runtime.config.Instances;
import dev.atelier.runtime.messaging.OutboxRelay;
import dev.atelier.runtime.ops.Metrics;
import dev.atelier.runtime.service.ServiceModule;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Atelier node: the data-directory lock, the embedded servers it had to start, and a
 * Vert.x instance with this node's verticles deployed at their configured instance counts.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);
  private final DataDirLock lock;
  private final EmbeddedServers embedded;
  private final Vertx vertx;
  private final JsonObject config;
  private final List<String> deployed;

  private Node(DataDirLock lock, EmbeddedServers embedded, Vertx vertx, JsonObject config, List<String> deployed) {
    this.lock = lock;
    this.embedded = embedded;
    this.vertx = vertx;
    this.config = config;
    this.deployed = deployed;
  }

  /** Starts a node from {@code config} (which it completes with URLs and secrets); blocks until deployed. */
  public static Node start(JsonObject config) {
    return start(config, false);
  }

  /** With {@code fresh}, wipes the data directory first, once it holds the lock, so a running node's data is safe. */
  public static Node start(JsonObject config, boolean fresh) {
    // absolute, so the embedded servers' command lines name it whatever the working directory
    Path dataDir = Path.of(config.getString("dataDir")).toAbsolutePath().normalize();
    config.put("dataDir", dataDir.toString());
    DataDirLock lock = DataDirLock.acquire(dataDir);
    if (fresh) {
      lock.wipeOthers();
      log.info("wiped data directory {}", dataDir.toAbsolutePath());
    }
    var embedded = new EmbeddedServers();
    Vertx vertx = null;
    try {
      NodeKeys.prepare(config, dataDir);
      var roles = Roles.select(config.getString("roles"));
      embedded.startMissing(config, dataDir);
      vertx = build(config);
      Codecs.install(vertx);
      var deployed = new ArrayList<String>();
      var relayed = new java.util.HashSet<String>();
      for (ServiceModule m : roles) {
        int instances = Instances.of(config, m.name());
        vertx.deployVerticle(m::newVerticle, new DeploymentOptions().setInstances(instances).setConfig(config))
            .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        deployed.add(m.name() + " x" + instances);
        // one relay per schema: two modules of one service (its API and its workers) share its outbox
        if (m.outboxSchema() != null && relayed.add(m.outboxSchema())) {
          String schema = m.outboxSchema();
          vertx.deployVerticle(() -> OutboxRelay.forSchema(config, schema), new DeploymentOptions().setConfig(config))
              .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
          deployed.add("outbox-relay(" + schema + ")");
        }
      }
      log.info("node deployed {} on {} cores (roles: {}, cluster: {})", deployed,
          Runtime.getRuntime().availableProcessors(), config.getString("roles"), config.getBoolean("cluster"));
      return new Node(lock, embedded, vertx, config, deployed);
    } catch (Exception e) {
      if (vertx != null) {
        awaitQuietly(vertx.close());
      }
      embedded.close();
      lock.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(rootMessage(e), e);
    }
  }

  private static Vertx build(JsonObject config) throws Exception {
    var options = new VertxOptions().setMetricsOptions(Metrics.options(config))
        .setEventLoopPoolSize(eventLoops(config));
    VertxBuilder builder = Vertx.builder().with(options).withMetrics(Metrics.factory());
    if (!config.getBoolean("cluster")) {
      return builder.build();
    }
    ClusterSetup.eventBus(options, config);
    return builder.withClusterManager(ClusterSetup.manager(config)).buildClustered()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /**
   * {@code eventLoops}, 0 meaning one per core. Vert.x defaults to two per core; with the gateway
   * and the services on one node, one per core keeps a request's bus hop on fewer threads.
   */
  static int eventLoops(JsonObject config) {
    int configured = config.getInteger("eventLoops");
    if (configured < 0) {
      throw new IllegalArgumentException("ATELIER_EVENT_LOOPS must be 0 (one per core) or more");
    }
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }

  public Vertx vertx() {
    return vertx;
  }

  public JsonObject config() {
    return config;
  }

  public List<String> deployed() {
    return deployed;
  }

  /** Undeploys everything (each verticle's stop runs), then stops the embedded servers. */
  @Override
  public void close() {
    awaitQuietly(vertx.close());
    embedded.close();
    lock.close();
    log.info("stopped");
  }

  private static void awaitQuietly(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("shutdown step failed: {}", rootMessage(e));
    }
  }

  /** The outermost message and the root cause's, which together say what failed and why. */
  static String rootMessage(Throwable e) {
    Throwable top = e;
    while ((top instanceof java.util.concurrent.ExecutionException || top instanceof java.util.concurrent.CompletionException)
        && top.getCause() != null) {
      top = top.getCause();
    }
    Throwable root = top;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = top.getMessage() == null ? top.getClass().getSimpleName() : top.getMessage();
    String inner = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == top || outer.contains(inner) ? outer : outer + ": " + inner;
  }
}
