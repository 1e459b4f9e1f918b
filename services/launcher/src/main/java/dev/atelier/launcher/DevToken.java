package dev.atelier.launcher;

import dev.atelier.gateway.auth.DevTokens;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.config.AtelierConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code scripts/dev-token <role> [userId]}: prints a development access token signed with the
 * same secret the running platform uses. The same user id gives the same owner across tokens.
 */
public final class DevToken {
  private DevToken() {}

  public static void main(String[] args) {
    if (args.length < 1 || Role.fromClaim(args[0]) == null) {
      System.err.println("usage: scripts/dev-token customer|merchant|admin [user-uuid]");
      System.exit(64);
    }
    var config = AtelierConfig.load();
    String secret = DevSecret.resolve(config, Path.of(config.getString("dataDir")));
    UUID user = args.length > 1 ? UUID.fromString(args[1]) : UUID.nameUUIDFromBytes(("dev-" + args[0]).getBytes());
    var auth = config.getJsonObject("auth");
    Vertx vertx = Vertx.vertx();
    try {
      var jwt = JWTAuth.create(vertx, new JWTAuthOptions()
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
          .setJWTOptions(new JWTOptions().setAlgorithm("HS256")));
      String token = new DevTokens(jwt, auth.getString("issuer"), auth.getString("audience"))
          .issue(user, Role.fromClaim(args[0]), Duration.ofMinutes(auth.getInteger("devTokenMinutes")));
      System.out.println(token);
    } finally {
      vertx.close();
    }
  }
}
