package dev.atelier.gateway.edge;

import dev.atelier.runtime.service.ServiceModule;
import dev.atelier.runtime.service.ServiceModules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** The whole document as a node assembles it: the base and every discovered module's fragment. */
final class OpenApiSources {
  static final String CATALOG = "openapi/catalog.yaml";

  private OpenApiSources() {}

  static OpenApiDocument all() {
    return OpenApiDocument.merge(resource(OpenApiDocument.BASE), fragmentNames().stream().map(OpenApiSources::resource).toList());
  }

  static OpenApiDocument.Source resource(String name) {
    try (var in = OpenApiSources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the test class path");
      }
      return new OpenApiDocument.Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> fragmentNames() {
    return ServiceModules.discover().stream().map(ServiceModule::openApiFragment).filter(Objects::nonNull).toList();
  }
}
