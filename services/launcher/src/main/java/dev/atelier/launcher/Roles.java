package dev.atelier.launcher;

import dev.atelier.catalog.CatalogVerticle;
import dev.atelier.gateway.GatewayVerticle;
import io.vertx.core.Deployable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which verticles a node runs, from {@code ATELIER_ROLES}: {@code all}, or a list of roles
 * ({@code gateway}, {@code services}, {@code workers}) and verticle names ({@code catalog}).
 */
final class Roles {
  /** A verticle this jar can deploy; {@code name} is also its config section ({@code catalog.instances}). */
  record Verticle(String name, String role, Supplier<Deployable> factory) {}

  // deployment order: services first, so the edge never takes requests nobody can answer yet
  static final List<Verticle> ALL = List.of(
      new Verticle("catalog", "services", CatalogVerticle::new),
      new Verticle("gateway", "gateway", GatewayVerticle::new));
  private static final List<String> ROLE_NAMES = List.of("gateway", "services", "workers");

  private Roles() {}

  static List<Verticle> select(String roles) {
    var chosen = new LinkedHashMap<String, Verticle>();
    for (String item : roles.split(",")) {
      String name = item.strip().toLowerCase();
      if (name.isEmpty()) {
        continue;
      }
      boolean known = name.equals("all") || ROLE_NAMES.contains(name);
      for (Verticle v : ALL) {
        if (name.equals("all") || v.role().equals(name) || v.name().equals(name)) {
          chosen.put(v.name(), v);
          known = true;
        }
      }
      if (!known) {
        throw new IllegalArgumentException("ATELIER_ROLES: unknown role or verticle '" + name
            + "'; use all, gateway, services, workers or one of " + ALL.stream().map(Verticle::name).toList());
      }
    }
    return ALL.stream().filter(v -> chosen.containsKey(v.name())).toList();
  }
}
