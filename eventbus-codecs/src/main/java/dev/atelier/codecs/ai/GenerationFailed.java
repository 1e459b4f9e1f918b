package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** ai.generation.failed: the job's last attempt failed ({@code attempts} in all); {@code error} says why. */
public record GenerationFailed(UUID jobId, UUID merchantId, UUID productId, String error, int attempts) {
  public GenerationFailed {
    required("jobId", jobId);
    required("merchantId", merchantId);
    required("productId", productId);
    required("error", error);
  }
}
