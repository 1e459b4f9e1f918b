package dev.atelier.launcher;

import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.auth.AccessTokens;
import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.config.AtelierConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code scripts/dev-token <role> [userId...]}: prints an access token signed with the node's own key
 * ({@code auth.signingKeyPem}, else the newest key in {@code <dataDir>/keys}, made if there is none),
 * so the running platform accepts it like a login's. The same role gives the same user id unless
 * one is given, so a merchant keeps its products. Its session id is random: no session backs it.
 * Several user ids give one token per line, in their order (a benchmark's customers in one JVM start,
 * not one each).
 */
public final class DevToken {
  private DevToken() {}

  public static void main(String[] args) {
    if (args.length < 1 || Role.fromClaim(args[0]) == null) {
      System.err.println("usage: scripts/dev-token customer|merchant|admin [user-uuid...]");
      System.exit(64);
    }
    var config = AtelierConfig.load();
    var auth = AuthConfig.from(config);
    List<UUID> users = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      users.add(UUID.fromString(args[i]));
    }
    if (users.isEmpty()) {
      users.add(UUID.nameUUIDFromBytes(("dev-" + args[0]).getBytes(StandardCharsets.UTF_8)));
    }
    Duration lifetime = Duration.ofMinutes(config.getJsonObject("auth").getInteger("devTokenMinutes"));
    var tokens = AccessTokens.of(auth);
    for (UUID user : users) {
      System.out.println(tokens.issue(user, Role.fromClaim(args[0]), UUID.randomUUID(), lifetime).value());
    }
  }
}
