package dev.atelier.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.users.Login;
import dev.atelier.codecs.users.RegisterUser;
import dev.atelier.codecs.users.Role;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A flood of logins meets a bounded queue: the excess is refused at once, never left to time out. */
class LoginFloodIT {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Bus bus;

  @BeforeAll
  static void deploy() {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    config.getJsonObject("users").put("hashWorkers", 1).put("maxPendingHashes", 2);
    vertx = Vertx.vertx();
    Codecs.install(vertx);
    Await.result(vertx.deployVerticle(UsersVerticle::new, new DeploymentOptions().setConfig(config).setInstances(1)));
    bus = new Bus(vertx, Duration.ofSeconds(30));
  }

  @AfterAll
  static void undeploy() {
    Await.result(vertx.close());
    db.close();
  }

  @Test
  @DisplayName("40 concurrent logins with room for 2: the rest get RATE_LIMITED at once, the admitted ones succeed")
  void boundedQueue() {
    String email = "flood-" + UUID.randomUUID() + "@example.com";
    Await.result(bus.request(UsersApi.REGISTER, new RegisterUser(email, "a long passphrase", "Flo", Role.CUSTOMER)));
    var attempts = new ArrayList<Future<?>>();
    for (int i = 0; i < 40; i++) {
      attempts.add(bus.request(UsersApi.LOGIN, new Login(email, "a long passphrase")));
    }
    Await.result(Future.join(attempts).otherwiseEmpty());
    List<FailureCode> failures = attempts.stream().filter(Future::failed)
        .map(f -> f.cause() instanceof Failure failure ? failure.code() : FailureCode.INTERNAL).toList();
    long succeeded = attempts.stream().filter(Future::succeeded).count();
    assertThat(succeeded).isBetween(1L, 20L);
    assertThat(failures).isNotEmpty().containsOnly(FailureCode.RATE_LIMITED);
  }
}
