package dev.atelier.codecs.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UsersRecordsTest {
  private static Failure invalid(String json) {
    try {
      ContractJson.mapper().readValue(json, RegisterUser.class);
    } catch (ValueInstantiationException e) {
      return (Failure) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  @DisplayName("registration takes customer or merchant only; admin, unknown and missing roles name the role field")
  void roles() {
    assertThat(invalid("{\"email\":\"a@b.io\",\"password\":\"long enough\",\"name\":\"A\",\"role\":\"admin\"}").field()).isEqualTo("role");
    assertThat(invalid("{\"email\":\"a@b.io\",\"password\":\"long enough\",\"name\":\"A\",\"role\":\"root\"}").field()).isEqualTo("role");
    assertThat(invalid("{\"email\":\"a@b.io\",\"password\":\"long enough\",\"name\":\"A\"}").field()).isEqualTo("role");
  }

  @Test
  @DisplayName("an id or a password hash cannot be smuggled into a registration")
  void unknownFields() {
    assertThatThrownBy(() -> ContractJson.mapper().readValue(
        "{\"email\":\"a@b.io\",\"password\":\"long enough\",\"name\":\"A\",\"role\":\"customer\",\"id\":\"x\"}", RegisterUser.class))
        .isInstanceOf(UnrecognizedPropertyException.class);
  }

  @Test
  @DisplayName("email, password and name are checked, each naming its field")
  void fields() {
    assertThat(invalid("{\"email\":\"nope\",\"password\":\"long enough\",\"name\":\"A\",\"role\":\"customer\"}").field()).isEqualTo("email");
    assertThat(invalid("{\"email\":\"a@b.io\",\"password\":\"short\",\"name\":\"A\",\"role\":\"customer\"}").field()).isEqualTo("password");
    assertThat(invalid("{\"email\":\"a@b.io\",\"password\":\"long enough\",\"name\":\" \",\"role\":\"customer\"}").field()).isEqualTo("name");
    assertThat(new RegisterUser(" Ada@Example.com ", "long enough", " Ada ", Role.CUSTOMER).email()).isEqualTo("Ada@Example.com");
  }

  @Test
  @DisplayName("no record prints a password or a token")
  void secretsMasked() {
    assertThat(new RegisterUser("a@b.io", "hunter2hunter2", "A", Role.CUSTOMER).toString()).doesNotContain("hunter2");
    assertThat(new Login("a@b.io", "hunter2hunter2").toString()).doesNotContain("hunter2");
    assertThat(new RefreshSession("rt-secret-value").toString()).doesNotContain("rt-secret");
    assertThat(new LogoutRequest("rt-secret-value").toString()).doesNotContain("rt-secret");
    assertThat(SessionTokens.bearer("at-secret", "rt-secret", 900).toString()).doesNotContain("at-secret", "rt-secret");
    assertThat(new Logout(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), "rt-secret").toString()).doesNotContain("rt-secret");
  }
}
