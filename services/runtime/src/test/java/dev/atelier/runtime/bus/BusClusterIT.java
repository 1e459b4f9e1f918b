package dev.atelier.runtime.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ProductLookup;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.VariantView;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two clustered Vert.x nodes in one JVM (Hazelcast, TCP join on loopback, no multicast). */
class BusClusterIT {
  private static Vertx server;
  private static Vertx client;

  @BeforeAll
  static void cluster() {
    int port = TestServers.freePort();
    String cluster = "atelier-it-" + UUID.randomUUID();
    server = node(cluster, port);
    client = node(cluster, port);
  }

  @AfterAll
  static void stop() {
    Await.result(Future.join(client.close(), server.close()));
  }

  private static Vertx node(String clusterName, int port) {
    System.setProperty("hazelcast.logging.type", "slf4j");
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(clusterName);
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    NetworkConfig net = hz.getNetworkConfig().setPort(port).setPortAutoIncrement(true);
    net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
    var options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
    Vertx vertx = Await.result(Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hz)).buildClustered());
    Codecs.install(vertx);
    return vertx;
  }

  @Test
  @DisplayName("a typed request is answered by a handler on the other node, as JSON on the wire")
  void acrossNodes() {
    UUID id = UUID.randomUUID();
    var product = new ProductView(id, UUID.randomUUID(), "Desk", "oak", 25_000L, "EUR", List.of("office"), 2, null, 3L,
        Instant.parse("2026-01-02T03:04:05.123456Z"), Instant.parse("2026-01-02T03:04:05.123456Z"),
        List.of(new VariantView("DSK-1", "Large", 27_000, 1)));
    var serving = new Bus(server, Duration.ofSeconds(5));
    Await.result(serving.serve(CatalogApi.GET_PRODUCT, q -> q.productId().equals(id)
        ? Future.succeededFuture(new ProductLookup(product, true))
        : Future.failedFuture(Failure.notFound("no such product"))));
    var calling = new Bus(client, Duration.ofSeconds(5));
    // subscriptions reach the other node asynchronously: ask until the first answer arrives
    Await.until(Duration.ofSeconds(20), "the consumer to be visible across the cluster", () ->
        Await.failure(calling.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID()))) instanceof Failure f
            && f.code() == FailureCode.NOT_FOUND);

    ProductLookup reply = Await.result(calling.request(CatalogApi.GET_PRODUCT, new GetProduct(id, true)));

    assertThat(reply.product()).isEqualTo(product).isNotSameAs(product);
    assertThat(reply.fromCache()).isTrue();
    Failure missing = (Failure) Await.failure(calling.request(CatalogApi.GET_PRODUCT, new GetProduct(UUID.randomUUID())));
    assertThat(missing.getMessage()).isEqualTo("no such product");
  }
}
