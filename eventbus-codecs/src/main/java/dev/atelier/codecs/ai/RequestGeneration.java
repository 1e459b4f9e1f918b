package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.optionalText;
import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/**
 * A merchant asks for a generation job. {@code requestKey} is the request's Idempotency-Key: the
 * same merchant and key name one job, also when the edge's own record of the key was lost.
 */
public record RequestGeneration(UUID merchantId, String requestKey, GenerationDraft draft) {
  public RequestGeneration {
    required("merchantId", merchantId);
    requestKey = optionalText("Idempotency-Key", requestKey, 200);
    required("draft", draft);
  }
}
