package dev.atelier.ai;

import dev.atelier.codecs.ai.AiApi;
import dev.atelier.codecs.ai.GenerationCompleted;
import dev.atelier.codecs.ai.GenerationFailed;
import dev.atelier.codecs.ai.GenerationProgressed;
import dev.atelier.codecs.ai.GenerationRequested;
import dev.atelier.runtime.messaging.Outbox;
import dev.atelier.runtime.messaging.Received;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ai.generation.requested job: marks it running (committed at once, with a progress event,
 * so its owner sees it move), renders, stores the result, and marks it succeeded with
 * ai.generation.completed. Every write is its own short transaction on the
 * pool, never the consumer's: that one stays open for the whole render, and a row lock in it would
 * block the next write of the same job; a crash after the last commit redelivers a job that has
 * succeeded, which is then skipped. A failure with retries left puts the job back to
 * queued and fails the message, which the consumer retries with growing delays; the last failure
 * marks it failed with ai.generation.failed, and the message goes on to the dead letters. A job
 * that has succeeded is never run again (a redelivery, or a replayed dead letter of a later copy).
 */
final class GenerationWorker {
  private static final Logger log = LoggerFactory.getLogger(GenerationWorker.class);
  private final Pool pool;
  private final GenerationRepository jobs;
  private final Outbox outbox;
  private final ImageProvider provider;
  private final ResultStore store;
  private final int retries;

  GenerationWorker(Pool pool, GenerationRepository jobs, Outbox outbox, ImageProvider provider, ResultStore store, int retries) {
    this.pool = pool;
    this.jobs = jobs;
    this.outbox = outbox;
    this.provider = provider;
    this.store = store;
    this.retries = retries;
  }

  // tx: the consumer's, which records the message in the inbox; the job's writes commit on their own (above)
  Future<Void> run(Received<GenerationRequested> event, SqlConnection tx) {
    var request = event.payload();
    return pool.withTransaction(c -> jobs.lock(c, request.jobId()).compose(job -> {
      if (job == null || !job.canStart()) {
        return Future.succeededFuture((GenerationJob) null);
      }
      return saveWithProgress(c, job.start(), event);
    })).compose(running -> running == null ? Future.<Void>succeededFuture() : produce(running, event).<Void>mapEmpty()
        .recover(e -> failed(running, event, e)));
  }

  private Future<?> produce(GenerationJob running, Received<GenerationRequested> event) {
    String key = "generations/" + running.id() + ".png";
    return provider.render(running)
        .compose(png -> store.put(key, png))
        .compose(v -> pool.withTransaction(c -> saveWithProgress(c, running.rendered(), event)))
        .compose(rendered -> pool.withTransaction(c -> jobs.save(c, rendered.succeeded(key))
            .compose(done -> outbox.append(c, AiApi.GENERATION_COMPLETED, done.id(),
                new GenerationCompleted(done.id(), done.merchantId(), done.productId(), done.resultUrl()), event.causationId())
                .map(done))))
        .onSuccess(done -> log.info("generation {} succeeded after {} attempt(s)", done.id(), done.attempts()));
  }

  private Future<Void> failed(GenerationJob running, Received<GenerationRequested> event, Throwable cause) {
    String error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    boolean last = event.attempt() >= retries;
    Future<Void> recorded = pool.withTransaction(c -> last
        ? jobs.save(c, running.failed(error)).compose(j -> outbox.append(c, AiApi.GENERATION_FAILED, j.id(),
            new GenerationFailed(j.id(), j.merchantId(), j.productId(), j.error(), j.attempts()), event.causationId()))
            .<Void>mapEmpty()
        : saveWithProgress(c, running.retrying(error), event).<Void>mapEmpty());
    if (last) {
      log.warn("generation {} failed after {} attempt(s): {}", running.id(), running.attempts(), GenerationJob.shorten(error));
    }
    // the message fails either way: retried while attempts remain, then dead-lettered
    return recorded.transform(ar -> Future.failedFuture(cause));
  }

  private Future<GenerationJob> saveWithProgress(SqlClient c, GenerationJob job, Received<GenerationRequested> event) {
    return jobs.save(c, job).compose(saved -> outbox.append(c, AiApi.GENERATION_PROGRESS, saved.id(),
        new GenerationProgressed(saved.id(), saved.merchantId(), saved.productId(), saved.status(), saved.progress()),
        event.causationId()).map(saved));
  }
}
