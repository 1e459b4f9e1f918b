package dev.atelier.codecs.ai;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** A job, or its result, as its owner may see it (another merchant's job is NOT_FOUND). */
public record GetGeneration(UUID id, UUID ownerId) {
  public GetGeneration {
    required("id", id);
    required("ownerId", ownerId);
  }
}
