package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** ai.generation.requested: a job to run; the workers read its inputs from the job row. */
public record GenerationRequested(UUID jobId, UUID merchantId, UUID productId, String kind) {
  public GenerationRequested {
    required("jobId", jobId);
    required("merchantId", merchantId);
    required("productId", productId);
    required("kind", kind);
  }
}
