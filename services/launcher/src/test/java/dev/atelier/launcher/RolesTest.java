package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.runtime.service.ServiceModule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RolesTest {
  @Test
  @DisplayName("roles and verticle names select what a node deploys")
  void select() {
    assertThat(Roles.select("all")).extracting(ServiceModule::name).containsExactly("ai", "catalog", "ops", "orders", "payments",
        "users", "generations", "gateway");
    assertThat(Roles.select("gateway")).extracting(ServiceModule::name).containsExactly("gateway");
    assertThat(Roles.select("services, workers")).extracting(ServiceModule::name).containsExactly("ai", "catalog", "ops", "orders",
        "payments", "users", "generations");
    assertThat(Roles.select("workers")).extracting(ServiceModule::name).containsExactly("generations");
    assertThat(Roles.select("gateway,catalog")).extracting(ServiceModule::name).containsExactly("catalog", "gateway");
    assertThatThrownBy(() -> Roles.select("gatway")).hasMessageContaining("gatway");
  }

  @Test
  @DisplayName("every module on the class path is found, services before the edge")
  void discovery() {
    assertThat(dev.atelier.runtime.service.ServiceModules.discover()).extracting(ServiceModule::name)
        .containsSubsequence("catalog", "gateway");
  }
}
