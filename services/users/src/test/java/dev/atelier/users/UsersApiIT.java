package dev.atelier.users;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.users.GetUser;
import dev.atelier.codecs.users.LoggedOut;
import dev.atelier.codecs.users.Login;
import dev.atelier.codecs.users.Logout;
import dev.atelier.codecs.users.RefreshSession;
import dev.atelier.codecs.users.RegisterUser;
import dev.atelier.codecs.users.Role;
import dev.atelier.codecs.users.SessionTokens;
import dev.atelier.codecs.users.UserView;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.runtime.auth.AccessTokenVerifier;
import dev.atelier.runtime.auth.AuthConfig;
import dev.atelier.runtime.auth.VerifiedToken;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The users service over the event bus, on real PostgreSQL, with two verticle instances. */
class UsersApiIT {
  private static final String ADMIN_EMAIL = "root@atelier.test";
  private static final String ADMIN_PASSWORD = "admin-password-1";
  private static TestDatabase db;
  private static JsonObject config;
  private static Vertx vertx;
  private static Bus bus;
  private static AccessTokenVerifier verifier;
  private static final ListAppender<ILoggingEvent> vertxLog = new ListAppender<>();

  @BeforeAll
  static void deploy() {
    ((Logger) LoggerFactory.getLogger("io.vertx")).addAppender(vertxLog);
    vertxLog.start();
    db = TestServers.newDatabase();
    config = TestServers.config(db);
    // the rules under test do not depend on the Argon2 cost; a small one keeps the suite quick
    config.getJsonObject("users").put("argon2", new JsonObject().put("memoryKib", 4096).put("iterations", 1).put("parallelism", 1));
    config.getJsonObject("admin").put("email", ADMIN_EMAIL).put("password", ADMIN_PASSWORD);
    // a blocked event loop is a bug: fail on Vert.x's warning (at its 2 s default; the pg client's first connect
    // alone took 0.5-1 s at load 5 on 2 cores, so a lower limit is flaky here). Stacks come with the warning.
    vertx = Vertx.vertx(new VertxOptions().setWarningExceptionTime(2).setWarningExceptionTimeUnit(TimeUnit.SECONDS));
    Codecs.install(vertx);
    Await.result(vertx.deployVerticle(UsersVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2)));
    bus = new Bus(vertx, Duration.ofSeconds(10));
    verifier = AccessTokenVerifier.of(AuthConfig.from(config));
  }

  @AfterAll
  static void undeploy() {
    Await.result(vertx.close());
    db.close();
    assertThat(vertxLog.list).as("blocked-thread warnings").noneMatch(e -> e.getFormattedMessage().contains("has been blocked"));
  }

  private static String email() {
    return "u-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static UserView register(String email, String password, Role role) {
    return Await.result(bus.request(UsersApi.REGISTER, new RegisterUser(email, password, "Test User", role)));
  }

  private static SessionTokens login(String email, String password) {
    return Await.result(bus.request(UsersApi.LOGIN, new Login(email, password)));
  }

  private static FailureCode failure(Future<?> f) {
    Throwable e = Await.failure(f);
    assertThat(e).isInstanceOf(Failure.class);
    return ((Failure) e).code();
  }

  private static long count(String sql, Object... args) throws Exception {
    try (var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      var rs = s.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  @DisplayName("register answers the user without password fields and writes user.registered to the outbox in the same transaction")
  void registers() throws Exception {
    String email = email();
    UserView u = register(email, "long enough pw", Role.MERCHANT);
    assertThat(u.email()).isEqualTo(email);
    assertThat(u.role()).isEqualTo(Role.MERCHANT);
    assertThat(u.createdAt()).isNotNull();
    assertThat(dev.atelier.codecs.ContractJson.toText(u)).doesNotContain("password", "argon2");
    assertThat(count("SELECT count(*) FROM users.outbox WHERE type = 'user.registered' AND aggregate_id = ?", u.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM users.users WHERE id = ? AND password_hash LIKE '$argon2id$v=19$%'", u.id())).isEqualTo(1);
    UserView me = Await.result(bus.request(UsersApi.GET_USER, new GetUser(u.id())));
    assertThat(me).isEqualTo(u);
    assertThat(failure(bus.request(UsersApi.GET_USER, new GetUser(UUID.randomUUID())))).isEqualTo(FailureCode.NOT_FOUND);
  }

  @Test
  @DisplayName("the same email in another case is a CONFLICT, and no second outbox row appears")
  void duplicateEmail() throws Exception {
    String email = email();
    register(email, "long enough pw", Role.CUSTOMER);
    assertThat(failure(bus.request(UsersApi.REGISTER, new RegisterUser(email.toUpperCase(), "other password", "X", Role.MERCHANT))))
        .isEqualTo(FailureCode.CONFLICT);
    assertThat(count("SELECT count(*) FROM users.users WHERE lower(email) = ?", email)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM users.outbox o JOIN users.users u ON u.id = o.aggregate_id WHERE lower(u.email) = ?", email))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("concurrent registrations of one email: exactly one succeeds, the others are CONFLICT")
  void concurrentRegistrations() throws Exception {
    String email = email();
    var attempts = new ArrayList<Future<UserView>>();
    for (int i = 0; i < 6; i++) {
      String typed = i % 2 == 0 ? email : email.toUpperCase();
      attempts.add(bus.request(UsersApi.REGISTER, new RegisterUser(typed, "long enough pw", "Racer " + i, Role.CUSTOMER)));
    }
    Await.result(Future.join(attempts).otherwiseEmpty());
    assertThat(attempts.stream().filter(Future::succeeded).count()).isEqualTo(1);
    assertThat(attempts.stream().filter(Future::failed).map(f -> ((Failure) f.cause()).code()))
        .hasSize(5).containsOnly(FailureCode.CONFLICT);
    assertThat(count("SELECT count(*) FROM users.users WHERE lower(email) = ?", email)).isEqualTo(1);
  }

  @Test
  @DisplayName("login answers a bearer pair whose access token verifies to the user and its session")
  void loginOk() {
    String email = email();
    UserView u = register(email, "long enough pw", Role.MERCHANT);
    SessionTokens t = login(email.toUpperCase(), "long enough pw");
    assertThat(t.tokenType()).isEqualTo("Bearer");
    assertThat(t.expiresIn()).isEqualTo(900);
    assertThat(t.refreshToken()).matches("[A-Za-z0-9_-]{43}");
    VerifiedToken v = verifier.verify(t.accessToken());
    assertThat(v.caller().userId()).isEqualTo(u.id());
    assertThat(v.caller().role()).isEqualTo(Role.MERCHANT);
  }

  @Test
  @DisplayName("a wrong password and an unknown email get the same UNAUTHORIZED with the same message")
  void badCredentials() {
    String email = email();
    register(email, "long enough pw", Role.CUSTOMER);
    Throwable wrong = Await.failure(bus.request(UsersApi.LOGIN, new Login(email, "not the password")));
    Throwable unknown = Await.failure(bus.request(UsersApi.LOGIN, new Login(email(), "not the password")));
    assertThat(((Failure) wrong).code()).isEqualTo(FailureCode.UNAUTHORIZED);
    assertThat(((Failure) unknown).code()).isEqualTo(FailureCode.UNAUTHORIZED);
    assertThat(unknown.getMessage()).isEqualTo(wrong.getMessage());
  }

  @Test
  @DisplayName("refresh rotates: the new pair works, the old refresh token does not, and only hashes are stored")
  void refreshRotates() throws Exception {
    String email = email();
    register(email, "long enough pw", Role.CUSTOMER);
    SessionTokens first = login(email, "long enough pw");
    SessionTokens second = Await.result(bus.request(UsersApi.REFRESH, new RefreshSession(first.refreshToken())));
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(verifier.verify(second.accessToken()).sessionId()).isEqualTo(verifier.verify(first.accessToken()).sessionId());
    assertThat(count("SELECT count(*) FROM users.refresh_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8')) AND used_at IS NOT NULL",
        first.refreshToken())).as("stored as its SHA-256, and spent").isEqualTo(1);

    // a fresh token of another session, to show the reuse below did not touch it
    SessionTokens otherSession = login(email, "long enough pw");
    assertThat(failure(bus.request(UsersApi.REFRESH, new RefreshSession(first.refreshToken())))).isEqualTo(FailureCode.UNAUTHORIZED);
    assertThat(failure(bus.request(UsersApi.REFRESH, new RefreshSession("not-a-token")))).isEqualTo(FailureCode.UNAUTHORIZED);
    assertThat(Await.result(bus.request(UsersApi.REFRESH, new RefreshSession(otherSession.refreshToken())))).isNotNull();
  }

  @Test
  @DisplayName("reuse of a rotated refresh token revokes the whole session: the newest token fails afterwards")
  void reuseRevokesFamily() throws Exception {
    String email = email();
    register(email, "long enough pw", Role.CUSTOMER);
    SessionTokens first = login(email, "long enough pw");
    SessionTokens second = Await.result(bus.request(UsersApi.REFRESH, new RefreshSession(first.refreshToken())));
    SessionTokens third = Await.result(bus.request(UsersApi.REFRESH, new RefreshSession(second.refreshToken())));

    assertThat(failure(bus.request(UsersApi.REFRESH, new RefreshSession(first.refreshToken())))).isEqualTo(FailureCode.UNAUTHORIZED);

    UUID session = verifier.verify(third.accessToken()).sessionId();
    assertThat(count("SELECT count(*) FROM users.sessions WHERE id = ? AND revoked_at IS NOT NULL", session)).isEqualTo(1);
    assertThat(failure(bus.request(UsersApi.REFRESH, new RefreshSession(third.refreshToken())))).isEqualTo(FailureCode.UNAUTHORIZED);
  }

  @Test
  @DisplayName("logout revokes the caller's session and a refresh token it names; another user's token is left alone")
  void logoutRevokes() {
    String email = email();
    UserView u = register(email, "long enough pw", Role.CUSTOMER);
    SessionTokens a = login(email, "long enough pw");
    SessionTokens b = login(email, "long enough pw");
    String stranger = email();
    register(stranger, "long enough pw", Role.CUSTOMER);
    SessionTokens s = login(stranger, "long enough pw");

    UUID sessionA = verifier.verify(a.accessToken()).sessionId();
    LoggedOut out = Await.result(bus.request(UsersApi.LOGOUT, new Logout(u.id(), sessionA, b.refreshToken())));
    assertThat(out.sessionsRevoked()).isEqualTo(2);
    assertThat(failure(bus.request(UsersApi.REFRESH, new RefreshSession(a.refreshToken())))).isEqualTo(FailureCode.UNAUTHORIZED);
    assertThat(failure(bus.request(UsersApi.REFRESH, new RefreshSession(b.refreshToken())))).isEqualTo(FailureCode.UNAUTHORIZED);

    LoggedOut again = Await.result(bus.request(UsersApi.LOGOUT, new Logout(u.id(), sessionA, s.refreshToken())));
    assertThat(again.sessionsRevoked()).as("twice is fine; a stranger's token is not ours to revoke").isZero();
    assertThat(Await.result(bus.request(UsersApi.REFRESH, new RefreshSession(s.refreshToken())))).isNotNull();
  }

  @Test
  @DisplayName("the admin from config exists exactly once, even with two instances and a redeploy, and can log in")
  void adminBootstrap() throws Exception {
    assertThat(count("SELECT count(*) FROM users.users WHERE role = 'admin'")).isEqualTo(1);
    String again = Await.result(vertx.deployVerticle(UsersVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2)));
    Await.result(vertx.undeploy(again));
    assertThat(count("SELECT count(*) FROM users.users WHERE role = 'admin'")).isEqualTo(1);
    SessionTokens t = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    assertThat(verifier.verify(t.accessToken()).caller().role()).isEqualTo(Role.ADMIN);
  }

  @Test
  @DisplayName("the readiness ping answers while Postgres is up")
  void readiness() {
    var report = Await.result(bus.request(dev.atelier.codecs.platform.Readiness.address("users"),
        new dev.atelier.codecs.platform.ReadinessCheck("gateway")));
    assertThat(report.service()).isEqualTo("users");
    assertThat(report.degraded()).isNull();
  }
}
