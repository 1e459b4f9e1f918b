package dev.atelier.runtime.service;

/**
 * The roles a node can be given ({@code ATELIER_ROLES}); the order is the deployment order, so the
 * edge never takes requests that nobody can answer yet.
 */
public enum NodeRole {
  SERVICES, WORKERS, GATEWAY;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
