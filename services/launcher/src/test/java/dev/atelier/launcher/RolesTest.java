package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RolesTest {
  @Test
  @DisplayName("roles and verticle names select what a node deploys")
  void select() {
    assertThat(Roles.select("all")).extracting(Roles.Verticle::name).containsExactly("catalog", "gateway");
    assertThat(Roles.select("gateway")).extracting(Roles.Verticle::name).containsExactly("gateway");
    assertThat(Roles.select("services, workers")).extracting(Roles.Verticle::name).containsExactly("catalog");
    assertThat(Roles.select("gateway,catalog")).extracting(Roles.Verticle::name).containsExactly("catalog", "gateway");
    assertThatThrownBy(() -> Roles.select("gatway")).hasMessageContaining("gatway");
  }
}
