package dev.atelier.launcher;

import dev.atelier.runtime.service.NodeRole;
import dev.atelier.runtime.service.ServiceModule;
import dev.atelier.runtime.service.ServiceModules;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which modules' verticles a node runs, from {@code ATELIER_ROLES}: {@code all}, or a list of roles
 * ({@code gateway}, {@code services}, {@code workers}) and module names ({@code catalog}). The
 * modules are whatever is on the class path (ServiceModule); none is named here.
 */
final class Roles {
  private Roles() {}

  static List<ServiceModule> select(String roles) {
    return select(roles, ServiceModules.discover());
  }

  static List<ServiceModule> select(String roles, List<ServiceModule> available) {
    var chosen = new LinkedHashSet<String>();
    for (String item : roles.split(",")) {
      String name = item.strip().toLowerCase();
      if (name.isEmpty()) {
        continue;
      }
      boolean isRole = name.equals("all") || Arrays.stream(NodeRole.values()).anyMatch(r -> r.id().equals(name));
      boolean known = isRole;
      for (ServiceModule m : available) {
        if (name.equals("all") || m.role().id().equals(name) || m.name().equals(name)) {
          chosen.add(m.name());
          known = true;
        }
      }
      if (!known) {
        throw new IllegalArgumentException("ATELIER_ROLES: unknown role or verticle '" + name
            + "'; use all, gateway, services, workers or one of " + available.stream().map(ServiceModule::name).toList());
      }
    }
    // discovery order is deployment order: services first, so the edge never takes requests nobody can answer yet
    return available.stream().filter(m -> chosen.contains(m.name())).toList();
  }
}
