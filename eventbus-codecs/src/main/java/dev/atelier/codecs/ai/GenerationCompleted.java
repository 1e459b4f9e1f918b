package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** ai.generation.completed: the job succeeded; its result is at {@code resultUrl} (owner only). */
public record GenerationCompleted(UUID jobId, UUID merchantId, UUID productId, String resultUrl) {
  public GenerationCompleted {
    required("jobId", jobId);
    required("merchantId", merchantId);
    required("productId", productId);
    required("resultUrl", resultUrl);
  }
}
