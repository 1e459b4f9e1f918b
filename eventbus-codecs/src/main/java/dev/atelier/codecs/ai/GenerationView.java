package dev.atelier.codecs.ai;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A generation job as its owner sees it; {@code resultUrl} once it succeeded, {@code error} once it failed. */
public record GenerationView(UUID id, UUID productId, String kind, GenerationStatus status, int progress,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String error,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String resultUrl,
                             Instant createdAt, Instant updatedAt) {
}
