package dev.atelier.codecs.users;

import java.util.UUID;

/** The users service's domain events. */
public sealed interface UsersEvent permits UserRegistered {
  UUID userId();
}
