package dev.atelier.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** Hazelcast with TCP join (no multicast), for {@code ATELIER_CLUSTER=true}. */
final class ClusterSetup {
  private ClusterSetup() {}

  static HazelcastClusterManager manager(JsonObject config) {
    System.setProperty("hazelcast.logging.type", "slf4j");
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName("atelier");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    NetworkConfig net = hz.getNetworkConfig().setPort(config.getInteger("clusterPort")).setPortAutoIncrement(true);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    var tcp = join.getTcpIpConfig().setEnabled(true);
    for (String member : config.getString("clusterMembers").split(",")) {
      if (!member.isBlank()) {
        tcp.addMember(member.strip());
      }
    }
    return new HazelcastClusterManager(hz);
  }

  static void eventBus(VertxOptions options, JsonObject config) {
    options.getEventBusOptions().setHost(config.getString("clusterHost")).setPort(0);
  }
}
