package dev.atelier.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReadmeConfigTest {
  @Test
  @DisplayName("the README documents every configuration variable the defaults accept")
  void everyKeyDocumented() throws Exception {
    String readme = Files.readString(Path.of("../../README.md"));
    for (String variable : EnvOverrides.variables(AtelierConfig.defaults()).keySet()) {
      assertThat(readme).as("README lists " + variable).contains("`" + variable + "`");
    }
  }
}
