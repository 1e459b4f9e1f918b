package dev.atelier.runtime.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;

/** The modules on the class path, found by ServiceLoader, in deployment order (services, workers, gateway). */
public final class ServiceModules {
  private ServiceModules() {}

  public static List<ServiceModule> discover() {
    var found = new ArrayList<ServiceModule>();
    ServiceLoader.load(ServiceModule.class, ServiceModules.class.getClassLoader()).forEach(found::add);
    var names = new HashSet<String>();
    for (ServiceModule m : found) {
      if (!m.name().matches("[a-z][a-z0-9]*")) {
        throw new IllegalStateException("module name must be lower-case letters and digits: " + m.name());
      }
      if (!names.add(m.name())) {
        throw new IllegalStateException("two modules are named '" + m.name() + "'");
      }
    }
    found.sort(Comparator.comparing(ServiceModule::role).thenComparing(ServiceModule::name));
    return List.copyOf(found);
  }
}
