package dev.atelier.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.users.RegisterUser;
import dev.atelier.codecs.users.Role;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** User rules, refresh tokens and the service's config, without servers. */
class UsersDomainTest {
  private static final String HASH = "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$0EV3NzeVeGCXIq1p0JBRDlnt9+UnjJ8SY5PjL4iErd0";

  @Test
  @DisplayName("a registered user keeps its email as typed, is unique by the lower-cased key, and its view has no hash")
  void registered() {
    var u = User.registered(UUID.randomUUID(), new RegisterUser("Ada@Example.com", "long enough", "Ada", Role.MERCHANT), HASH);
    assertThat(u.email()).isEqualTo("Ada@Example.com");
    assertThat(User.emailKey(" Ada@EXAMPLE.com ")).isEqualTo("ada@example.com");
    var view = u.stored(Instant.parse("2026-12-01T10:00:00Z")).view();
    assertThat(view.role()).isEqualTo(Role.MERCHANT);
    assertThat(view.toString()).doesNotContain("argon2");
    assertThat(u.toString()).doesNotContain("argon2", "Ada@");
    assertThatThrownBy(u::view).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("only configuration makes an admin; a registration cannot")
  void adminOnlyFromConfig() {
    assertThat(User.admin(UUID.randomUUID(), "root@example.com", HASH).role()).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> new RegisterUser("a@b.io", "long enough", "A", Role.ADMIN))
        .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.field()).isEqualTo("role"));
  }

  @Test
  @DisplayName("a refresh token is 32 random bytes in base64url, stored as its SHA-256, never printed")
  void refreshToken() {
    var t = RefreshToken.generate();
    assertThat(t.value()).matches("[A-Za-z0-9_-]{43}");
    assertThat(t.hash()).hasSize(32).isEqualTo(RefreshToken.hashOf(t.value()));
    assertThat(RefreshToken.generate().value()).isNotEqualTo(t.value());
    assertThat(t.toString()).doesNotContain(t.value());
  }

  @Test
  @DisplayName("config: the admin needs both email and password, a valid email, and its password is never printed")
  void config() {
    JsonObject root = dev.atelier.runtime.config.AtelierConfig.defaults();
    assertThat(UsersConfig.from(root).hasAdmin()).isFalse();
    root.getJsonObject("admin").put("email", "root@example.com").put("password", "s3cret-admin-pw");
    var c = UsersConfig.from(root);
    assertThat(c.hasAdmin()).isTrue();
    assertThat(c.toString()).doesNotContain("s3cret");
    assertThat(c.argon2()).isEqualTo(new Argon2Params(19456, 2, 1));
    root.getJsonObject("admin").put("password", "");
    assertThatThrownBy(() -> UsersConfig.from(root)).hasMessageContaining("both");
    root.getJsonObject("admin").put("email", "nope").put("password", "s3cret-admin-pw");
    assertThatThrownBy(() -> UsersConfig.from(root)).hasMessageContaining("admin.email").hasMessageNotContaining("s3cret");
  }
}
