package dev.atelier.ai;

import dev.atelier.codecs.ai.Recommendation;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote recommendation model behind a circuit breaker whose timeout is the model's budget
 * ({@code ai.model.timeoutMillis}, 120 ms by default): a slow answer fails at the deadline, not when
 * the server gives up, and after {@code maxFailures} failures in a row the breaker opens and calls
 * fail at once until a trial call after {@code resetMillis} succeeds. One per node (NodeShared).
 */
final class ModelClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelClient.class);
  private final WebClient web;
  private final CircuitBreaker breaker;
  private final RemoteModel model;

  ModelClient(Vertx vertx, ModelSettings settings) {
    web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true)
            .setConnectTimeout((int) Math.max(50, settings.timeout().toMillis())),
        new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
    breaker = CircuitBreaker.create("ai-model", vertx, new CircuitBreakerOptions()
            .setMaxFailures(settings.maxFailures())
            .setTimeout(settings.timeout().toMillis())
            .setResetTimeout(settings.reset().toMillis()))
        .openHandler(v -> log.warn("remote model breaker open: answering from the local index"))
        .closeHandler(v -> log.info("remote model breaker closed: the model answers again"));
    model = settings.kind().equals(ModelSettings.EMBEDDINGS)
        ? new EmbeddingsEndpoint(web, settings) : new RecommendationsEndpoint(web, settings);
  }

  /** The model's ranking; fails on timeout, error or an open breaker. */
  Future<List<Recommendation>> rank(ProductCopy product, List<Similar> candidates, int limit) {
    return breaker.execute(() -> model.rank(product, candidates, limit));
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
