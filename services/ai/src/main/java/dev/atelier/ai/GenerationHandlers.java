package dev.atelier.ai;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.ai.AiApi;
import dev.atelier.codecs.ai.GenerationDraft;
import dev.atelier.codecs.ai.GenerationImage;
import dev.atelier.codecs.ai.GenerationRequested;
import dev.atelier.codecs.ai.GenerationStatus;
import dev.atelier.codecs.ai.GenerationView;
import dev.atelier.codecs.ai.GetGeneration;
import dev.atelier.codecs.ai.RequestGeneration;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/**
 * The API side of generation jobs: accept one (stored and published through the outbox in one
 * transaction, so a job is never stored without its message nor sent without its row), and show a
 * job or its result to its owner only.
 */
final class GenerationHandlers {
  private final Pool pool;
  private final Downstream services;
  private final GenerationRepository jobs;
  private final Outbox outbox;
  private final ResultStore store;

  GenerationHandlers(Pool pool, Downstream services, GenerationRepository jobs, Outbox outbox, ResultStore store) {
    this.pool = pool;
    this.services = services;
    this.jobs = jobs;
    this.outbox = outbox;
    this.store = store;
  }

  Future<GenerationView> request(RequestGeneration r) {
    Future<GenerationJob> earlier = r.requestKey() == null ? Future.succeededFuture()
        : jobs.findByKey(pool, r.merchantId(), r.requestKey());
    return earlier.compose(found -> found != null ? Future.succeededFuture(found.view()) : create(r));
  }

  private Future<GenerationView> create(RequestGeneration r) {
    GenerationDraft d = r.draft();
    return services.call(CatalogApi.GET_PRODUCT, new GetProduct(d.productId()))
        .recover(e -> Future.failedFuture(e instanceof Failure f && f.code() == dev.atelier.codecs.FailureCode.NOT_FOUND
            ? Failure.notFound("product " + d.productId()) : e))
        .compose(lookup -> {
          ProductView p = lookup.product();
          if (!r.merchantId().equals(p.merchantId())) {
            return Future.failedFuture(Failure.notFound("product " + d.productId()));  // another merchant's: not probeable
          }
          var job = new GenerationJob(UUID.randomUUID(), r.merchantId(), p.id(), d.kind(), d.prompt(),
              d.options().width(), d.options().height(), p.name(), p.priceCents() == null ? 0 : p.priceCents(),
              p.currency(), p.tags(), GenerationStatus.QUEUED, 0, 0, null, null, null, null);
          return pool.withTransaction(tx -> jobs.insert(tx, job, r.requestKey()).compose(inserted -> inserted == null
              ? jobs.findByKey(tx, r.merchantId(), r.requestKey())
              : outbox.append(tx, AiApi.GENERATION_REQUESTED, inserted.id(),
                  new GenerationRequested(inserted.id(), inserted.merchantId(), inserted.productId(), inserted.kind()))
                  .map(inserted)));
        })
        .map(GenerationJob::view);
  }

  Future<GenerationView> get(GetGeneration q) {
    return owned(q).map(GenerationJob::view);
  }

  Future<GenerationImage> result(GetGeneration q) {
    return owned(q).compose(job -> {
      if (job.status() != GenerationStatus.SUCCEEDED) {
        return Future.failedFuture(Failure.conflict("generation " + job.id() + " is " + job.status().wire() + ", not succeeded"));
      }
      return store.get(job.resultKey()).compose(png -> png == null
          ? Future.failedFuture(Failure.unavailable("the result of generation " + job.id() + " is not in this node's storage"))
          : Future.succeededFuture(new GenerationImage("image/png", png.getBytes())));
    });
  }

  private Future<GenerationJob> owned(GetGeneration q) {
    return jobs.find(pool, q.id()).compose(job -> job == null || !job.merchantId().equals(q.ownerId())
        ? Future.failedFuture(Failure.notFound("generation " + q.id()))
        : Future.succeededFuture(job));
  }
}
