package dev.atelier.gateway.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole document as the launcher will assemble it: the base and the catalog fragment from the
 * class path (catalog is a test dependency), the users fragment from its source tree until that
 * module is on the gateway's class path.
 */
final class OpenApiSources {
  static final String CATALOG = "openapi/catalog.yaml";
  static final Path USERS = Path.of("../users/src/main/resources/openapi/users.yaml");

  private OpenApiSources() {}

  static OpenApiDocument all() {
    var loader = OpenApiSources.class.getClassLoader();
    var fragments = new ArrayList<OpenApiDocument.Source>();
    fragments.add(resource(CATALOG));
    fragments.add(file(USERS));
    return OpenApiDocument.merge(resource(OpenApiDocument.BASE), fragments);
  }

  static OpenApiDocument.Source resource(String name) {
    try (var in = OpenApiSources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the test class path");
      }
      return new OpenApiDocument.Source(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OpenApiDocument.Source file(Path path) {
    try {
      return new OpenApiDocument.Source(path.toString(), Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> fragmentNames() {
    return List.of(CATALOG);
  }
}
