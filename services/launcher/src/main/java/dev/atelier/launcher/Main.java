package dev.atelier.launcher;

import dev.atelier.runtime.config.AtelierConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** {@code java -jar atelier.jar}: one node, configured by config/default.json and ATELIER_* variables. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /** {@code --fresh} wipes the data directory (embedded databases, dev secret) before starting. */
  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Node node;
    try {
      boolean fresh = java.util.Arrays.asList(args).contains("--fresh");
      node = Node.start(AtelierConfig.load(), fresh);
    } catch (RuntimeException e) {
      log.error("Atelier did not start: {}", Node.rootMessage(e));
      log.debug("start-up failure", e);
      System.exit(e instanceof IllegalStateException ? 2 : 1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping");
      node.close();
    }, "atelier-shutdown"));
    var http = node.config().getJsonObject("http");
    if (node.deployed().stream().anyMatch(d -> d.startsWith("gateway"))) {
      String host = http.getString("host").equals("0.0.0.0") ? "localhost" : http.getString("host");
      log.info("Atelier API at http://{}:{}/api  (health: /health/ready, metrics: /metrics)", host, http.getInteger("port"));
    }
  }
}
