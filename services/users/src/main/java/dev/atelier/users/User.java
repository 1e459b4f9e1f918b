package dev.atelier.users;

import dev.atelier.codecs.users.AccountRules;
import dev.atelier.codecs.users.RegisterUser;
import dev.atelier.codecs.users.Role;
import dev.atelier.codecs.users.UserView;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An account: who it is, its role and its password hash. The hash stays here: {@link #view()} is
 * what leaves the service, and toString leaves the hash out too.
 */
final class User {
  private final UUID id;
  private final String email;
  private final String name;
  private final Role role;
  private final String passwordHash;
  private final Instant createdAt;

  User(UUID id, String email, String name, Role role, String passwordHash, Instant createdAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.email = AccountRules.email(email);
    this.name = AccountRules.name(name);
    this.role = Objects.requireNonNull(role, "role");
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.createdAt = createdAt;
  }

  /** A self-registered customer or merchant, not yet stored (createdAt comes from the database). */
  static User registered(UUID id, RegisterUser request, String passwordHash) {
    return new User(id, request.email(), request.name(), AccountRules.selfServiceRole(request.role()), passwordHash, null);
  }

  /** The admin made from configuration on first start. */
  static User admin(UUID id, String email, String passwordHash) {
    return new User(id, email, "Administrator", Role.ADMIN, passwordHash, null);
  }

  /** The key that makes emails unique: case does not make a second account. */
  static String emailKey(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  User stored(Instant at) {
    return new User(id, email, name, role, passwordHash, at);
  }

  UserView view() {
    if (createdAt == null) {
      throw new IllegalStateException("a user is viewed once stored");
    }
    return new UserView(id, email, name, role, createdAt);
  }

  UUID id() {
    return id;
  }

  String email() {
    return email;
  }

  String name() {
    return name;
  }

  Role role() {
    return role;
  }

  String passwordHash() {
    return passwordHash;
  }

  @Override
  public String toString() {
    return "User[" + id + ", " + role + "]";
  }
}
