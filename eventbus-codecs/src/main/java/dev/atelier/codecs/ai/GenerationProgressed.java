package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** ai.generation.progress: a running job moved on (percent, 0-100), for the owner's live updates. */
public record GenerationProgressed(UUID jobId, UUID merchantId, UUID productId, GenerationStatus status, int progress) {
  public GenerationProgressed {
    required("jobId", jobId);
    required("merchantId", merchantId);
    required("productId", productId);
    required("status", status);
    range("progress", progress, 0, 100);
  }
}
