package dev.atelier.ai;

import dev.atelier.codecs.ai.Recommendation;
import dev.atelier.runtime.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote recommendation model behind a circuit breaker whose timeout is the model's budget
 * ({@code ai.model.timeoutMillis}, 120 ms by default): a slow answer fails at the deadline, not when
 * the server gives up. {@code maxFailures} failures within {@code failureWindowMillis} open the
 * breaker, and calls fail at once until a trial call after {@code resetMillis} succeeds. A count in
 * a short window, not in ten seconds (the breaker's default): at thousands of calls a second, the
 * few answers a busy node reads late would otherwise keep a healthy model switched off
 * (scripts/bench/recommendations). One per node (NodeShared).
 */
final class ModelClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelClient.class);
  private final WebClient web;
  private final CircuitBreaker breaker;
  private final RemoteModel model;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter shed;
  private static final IllegalStateException BUSY = new IllegalStateException("the model's calls in flight are at their limit") {
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  };

  ModelClient(Vertx vertx, ModelSettings settings) {
    web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true)
            .setConnectTimeout((int) Math.max(50, settings.timeout().toMillis())),
        new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
    breaker = CircuitBreaker.create("ai-model", vertx, new CircuitBreakerOptions()
            .setMaxFailures(settings.maxFailures())
            .setFailuresRollingWindow(settings.failureWindow().toMillis())
            .setTimeout(settings.timeout().toMillis())
            .setResetTimeout(settings.reset().toMillis()))
        .openHandler(v -> log.warn("remote model breaker open: answering from the local index"))
        .closeHandler(v -> log.info("remote model breaker closed: the model answers again"));
    maxInFlight = settings.maxConnections();
    shed = Counter.builder("atelier.ai.model.shed")
        .description("recommendations answered locally because the model's calls in flight were at their limit")
        .register(Metrics.registry());
    model = settings.kind().equals(ModelSettings.EMBEDDINGS)
        ? new EmbeddingsEndpoint(web, settings) : new RecommendationsEndpoint(web, settings);
  }

  /**
   * The model's ranking; fails on timeout, error, an open breaker, or when {@code maxInFlight} calls
   * are already waiting on the model. That bulkhead keeps a burst from queueing on the model (and
   * on its connections) until every call misses its budget and the breaker switches a healthy model
   * off: the calls over it are answered from the local index at once, and are no failure of the model.
   */
  Future<List<Recommendation>> rank(ProductCopy product, List<Similar> candidates, int limit) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      shed.increment();
      return Future.failedFuture(BUSY);
    }
    return breaker.<List<Recommendation>>execute(() -> model.rank(product, candidates, limit))
        .andThen(ar -> inFlight.decrementAndGet());
  }

  CircuitBreakerState state() {
    return breaker.state();
  }

  @Override
  public void close() {
    breaker.close();
    web.close();
  }
}
