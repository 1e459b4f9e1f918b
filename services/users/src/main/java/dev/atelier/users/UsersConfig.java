package dev.atelier.users;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.users.AccountRules;
import io.vertx.core.json.JsonObject;

/**
 * The users service's settings, read once from config: its pool, the bounded worker pool for
 * Argon2 and signing, the Argon2 cost, and the admin account made on first start. The admin
 * password is a secret: toString never shows it.
 */
record UsersConfig(int poolSize, int hashWorkers, int maxPendingHashes, Argon2Params argon2, String adminEmail,
                   String adminPassword) {
  UsersConfig {
    if (poolSize < 1) {
      throw new IllegalArgumentException("users.poolSize must be at least 1");
    }
    if (hashWorkers < 1) {
      throw new IllegalArgumentException("users.hashWorkers must be at least 1");
    }
    if (maxPendingHashes < 1) {
      throw new IllegalArgumentException("users.maxPendingHashes must be at least 1");
    }
    adminEmail = adminEmail == null ? "" : adminEmail.strip();
    adminPassword = adminPassword == null ? "" : adminPassword;
    if (adminEmail.isEmpty() != adminPassword.isEmpty()) {
      throw new IllegalArgumentException("set both ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD, or neither");
    }
    if (!adminEmail.isEmpty()) {
      try {
        AccountRules.email(adminEmail);
        AccountRules.newPassword(adminPassword);
      } catch (Failure f) {
        // the message names the rule, never the value
        throw new IllegalArgumentException("admin." + f.field() + " " + f.getMessage());
      }
    }
  }

  static UsersConfig from(JsonObject root) {
    JsonObject users = root.getJsonObject("users");
    JsonObject argon2 = users.getJsonObject("argon2");
    JsonObject admin = root.getJsonObject("admin");
    return new UsersConfig(users.getInteger("poolSize"), users.getInteger("hashWorkers"), users.getInteger("maxPendingHashes"),
        new Argon2Params(argon2.getInteger("memoryKib"), argon2.getInteger("iterations"), argon2.getInteger("parallelism")),
        admin.getString("email"), admin.getString("password"));
  }

  boolean hasAdmin() {
    return !adminEmail.isEmpty();
  }

  @Override
  public String toString() {
    return "UsersConfig[poolSize=" + poolSize + ", hashWorkers=" + hashWorkers + ", maxPendingHashes=" + maxPendingHashes
        + ", argon2=" + argon2
        + ", adminEmail=" + adminEmail + ", adminPassword=" + (hasAdmin() ? "***" : "") + "]";
  }
}
