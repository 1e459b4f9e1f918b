package dev.atelier.ai;

import dev.atelier.codecs.ai.GenerationStatus;
import dev.atelier.codecs.ai.GenerationView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A generation job and the rules of its life: queued → running → succeeded, or back to queued
 * while retries remain, or failed after the last. A redelivered job (a worker died mid-way) may
 * start again from running; a dead letter an operator replays may start again from failed; a
 * succeeded job never runs again. No Vert.x here: GenerationJobTest runs it plainly.
 */
record GenerationJob(UUID id, UUID merchantId, UUID productId, String kind, String prompt, int width, int height,
                     String productName, long priceCents, String currency, List<String> tags,
                     GenerationStatus status, int progress, int attempts, String error, String resultKey,
                     Instant createdAt, Instant updatedAt) {
  /** Progress once a worker has the job, and once its image exists but is not stored yet. */
  static final int STARTED = 10;
  static final int RENDERED = 80;
  static final int MAX_ERROR = 500;

  GenerationJob {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  boolean canStart() {
    return status != GenerationStatus.SUCCEEDED;
  }

  GenerationJob start() {
    if (!canStart()) {
      throw new IllegalStateException("job " + id + " has succeeded already");
    }
    return with(GenerationStatus.RUNNING, STARTED, attempts + 1, null, null);
  }

  GenerationJob rendered() {
    requireRunning("record progress");
    return with(GenerationStatus.RUNNING, Math.max(progress, RENDERED), attempts, null, null);
  }

  GenerationJob succeeded(String key) {
    requireRunning("succeed");
    return with(GenerationStatus.SUCCEEDED, 100, attempts, null, key);
  }

  /** A failed attempt with retries left: queued again, the error kept so the owner sees why it is slow. */
  GenerationJob retrying(String cause) {
    requireRunning("retry");
    return with(GenerationStatus.QUEUED, 0, attempts, "attempt " + attempts + " failed, retrying: " + shorten(cause), null);
  }

  GenerationJob failed(String cause) {
    if (status == GenerationStatus.SUCCEEDED) {
      throw new IllegalStateException("job " + id + " has succeeded already");
    }
    return with(GenerationStatus.FAILED, progress, attempts, shorten(cause), null);
  }

  String resultUrl() {
    return status == GenerationStatus.SUCCEEDED ? "/api/ai/generations/" + id + "/result" : null;
  }

  GenerationView view() {
    return new GenerationView(id, productId, kind, status, progress, error, resultUrl(), createdAt, updatedAt);
  }

  private void requireRunning(String what) {
    if (status != GenerationStatus.RUNNING) {
      throw new IllegalStateException("cannot " + what + " job " + id + " while " + status.wire());
    }
  }

  private GenerationJob with(GenerationStatus s, int p, int a, String e, String key) {
    return new GenerationJob(id, merchantId, productId, kind, prompt, width, height, productName, priceCents, currency,
        tags, s, p, a, e, key, createdAt, updatedAt);
  }

  static String shorten(String cause) {
    String text = cause == null || cause.isBlank() ? "unknown error" : cause.strip();
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
  }
}
