package dev.atelier.launcher;

import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.auth.SigningKeys;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the access-token keys once, before any verticle deploys: the first start makes the
 * data-dir key here, on the main thread, so no event loop ever generates one and every verticle
 * of the node shares the same key set.
 */
final class NodeKeys {
  private static final Logger log = LoggerFactory.getLogger(NodeKeys.class);

  private NodeKeys() {}

  static void prepare(JsonObject config, Path dataDir) {
    var keys = SigningKeys.resolve(AuthConfig.from(config));
    log.info("access tokens: {} signed by key {} ({} key(s) verify)", keys.algorithm(), keys.current().getKeyID(), keys.all().size());
  }
}
