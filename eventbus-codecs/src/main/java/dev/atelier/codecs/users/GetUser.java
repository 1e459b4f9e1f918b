package dev.atelier.codecs.users;

import static dev.atelier.codecs.Checks.required;

import java.util.UUID;

/** Reads one account; GET /api/users/me asks for the caller's own. */
public record GetUser(UUID userId) {
  public GetUser {
    required("userId", userId);
  }
}
