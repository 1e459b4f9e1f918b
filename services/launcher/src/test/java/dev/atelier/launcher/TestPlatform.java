package dev.atelier.launcher;

import dev.atelier.codecs.users.Role;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The full platform for tests in other packages (Platform itself stays package-private). */
public final class TestPlatform implements AutoCloseable {
  private final Platform platform;

  private TestPlatform(Platform platform) {
    this.platform = platform;
  }

  public static TestPlatform start(JsonObject config) {
    FuzzConfig.relaxLimits(config);
    return new TestPlatform(new Platform(config));
  }

  public int port() {
    return platform.port;
  }

  public String token(UUID user, Role role) {
    return platform.token(user, role);
  }

  @Override
  public void close() {
    platform.close();
  }
}
