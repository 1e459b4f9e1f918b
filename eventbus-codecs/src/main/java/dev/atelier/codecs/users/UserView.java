package dev.atelier.codecs.users;

import static dev.atelier.codecs.Checks.required;

import java.time.Instant;
import java.util.UUID;

/** An account as it leaves the service: never a password or its hash. */
public record UserView(UUID id, String email, String name, Role role, Instant createdAt) {
  public UserView {
    required("id", id);
    required("email", email);
    required("name", name);
    required("role", role);
    required("createdAt", createdAt);
  }
}
