package dev.atelier.ai;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.ai.GetRecommendations;
import dev.atelier.codecs.ai.Recommendation;
import dev.atelier.codecs.ai.Recommendations;
import dev.atelier.runtime.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code ai.recommendations.get}: a cached model answer, else the model's ranking of the
 * local index's candidates, else (no model, or it failed, timed out or its breaker is open) the
 * local ranking itself with {@code source: fallback}. The local ranking is computed first either
 * way, so a failed model costs its timeout and nothing more.
 */
final class Recommender {
  private static final Logger log = LoggerFactory.getLogger(Recommender.class);
  private final Vertx vertx;
  private final IndexFeed feed;
  private final ModelClient model;
  private final RecommendationCache cache;
  private final int candidates;
  private final Counter fromModel;
  private final Counter fromCache;
  private final Counter fallback;
  private final Counter modelFailed;
  private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));

  /** {@code model} is null when none is configured. */
  Recommender(Vertx vertx, IndexFeed feed, ModelClient model, RecommendationCache cache, int candidates) {
    this.vertx = vertx;
    this.feed = feed;
    this.model = model;
    this.cache = cache;
    this.candidates = candidates;
    fromModel = counter("model");
    fromCache = counter("cache");
    fallback = counter("fallback");
    modelFailed = Counter.builder("atelier.ai.model.failures")
        .description("remote model calls that failed, timed out or met an open breaker").register(Metrics.registry());
  }

  private static Counter counter(String source) {
    return Counter.builder("atelier.ai.recommendations").description("recommendation answers by where they came from")
        .tag("source", source).register(Metrics.registry());
  }

  Future<Recommendations> recommend(GetRecommendations q) {
    if (!feed.loaded()) {
      return Future.failedFuture(Failure.unavailable("the recommendation index is still loading"));
    }
    ProductCopy product = feed.index().product(q.productId());
    if (product == null) {
      return Future.failedFuture(Failure.notFound("product " + q.productId()));
    }
    if (model == null) {
      return local(product, Math.max(q.limit(), candidates)).map(found -> fallback(found, q.limit()));
    }
    return cache.get(product.id(), q.limit()).compose(hit -> {
      if (hit != null) {
        fromCache.increment();
        return Future.succeededFuture(new Recommendations(known(hit.items(), product.id(), q.limit()), hit.source()));
      }
      return local(product, Math.max(q.limit(), candidates)).compose(found -> ranked(product, found, q.limit()));
    });
  }

  private Future<Recommendations> ranked(ProductCopy product, List<Similar> found, int limit) {
    return model.rank(product, found, limit)
        .map(items -> {
          fromModel.increment();
          return new Recommendations(known(items, product.id(), limit), Recommendations.MODEL);
        })
        .onSuccess(answer -> cache.put(product.id(), limit, answer))
        .recover(e -> {
          modelFailed.increment();
          // an outage fails every request: say why at most every ten seconds, not once per request
          long now = System.nanoTime();
          long last = lastFailureLog.get();
          if (now - last > TimeUnit.SECONDS.toNanos(10) && lastFailureLog.compareAndSet(last, now)) {
            log.warn("remote model failed ({} so far), answering from the local index: {}", (long) modelFailed.count(), e.toString());
          }
          return Future.succeededFuture(fallback(found, limit));
        });
  }

  // a ranking the index remembers costs a map lookup; a new one is a Lucene query, on a worker thread
  private Future<List<Similar>> local(ProductCopy product, int wanted) {
    List<Similar> remembered = feed.index().remembered(product.id(), wanted);
    return remembered != null ? Future.succeededFuture(remembered)
        : vertx.executeBlocking(() -> feed.index().similar(product.id(), wanted), false);
  }

  private Recommendations fallback(List<Similar> found, int limit) {
    fallback.increment();
    var items = new ArrayList<Recommendation>(Math.min(limit, found.size()));
    for (Similar s : found.subList(0, Math.min(limit, found.size()))) {
      items.add(new Recommendation(s.product().id(), s.score()));
    }
    return new Recommendations(items, Recommendations.FALLBACK);
  }

  // a model (or a cached answer) may name a product deleted since, itself, or one twice
  private List<Recommendation> known(List<Recommendation> items, UUID self, int limit) {
    Set<UUID> seen = new HashSet<>(List.of(self));
    var kept = new ArrayList<Recommendation>(Math.min(limit, items.size()));
    for (Recommendation r : items) {
      if (kept.size() < limit && feed.index().contains(r.productId()) && seen.add(r.productId())) {
        kept.add(r);
      }
    }
    return kept;
  }
}
