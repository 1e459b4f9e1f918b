package dev.atelier.codecs.users;

import static dev.atelier.codecs.Checks.required;

import java.time.Instant;
import java.util.UUID;

/** user.registered: a new account, as notifications and analytics need it. */
public record UserRegistered(UUID userId, String email, String name, Role role, Instant registeredAt) implements UsersEvent {
  public UserRegistered {
    required("userId", userId);
    required("email", email);
    required("name", name);
    required("role", role);
    required("registeredAt", registeredAt);
  }

  public static UserRegistered of(UserView user) {
    return new UserRegistered(user.id(), user.email(), user.name(), user.role(), user.createdAt());
  }
}
