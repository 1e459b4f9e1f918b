package dev.atelier.gateway.edge;

import dev.atelier.runtime.http.ApiRoute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The route table and the OpenAPI document must describe the same API: every route served has its
 * operation in the document (same method and path), and every documented operation is served.
 * Checked at start-up, so a drift never ships.
 */
public final class DocumentedRoutes {
  /** Operations the gateway serves itself (OpsRoutes), not through the route table. */
  static final Set<String> EDGE_OPERATIONS = Set.of("getLive", "getReady", "getMetrics", "getOpenApi");

  private DocumentedRoutes() {}

  public static void check(List<ApiRoute> routes, OpenApiDocument document) {
    var problems = new ArrayList<String>();
    var served = new HashSet<String>();
    for (ApiRoute r : routes) {
      served.add(r.operationId());
      OpenApiDocument.Operation op = document.operation(r.operationId());
      String template = r.path().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      if (op == null) {
        problems.add(r.method() + " " + r.path() + " (" + r.operationId() + ") is not in the OpenAPI document");
      } else if (!op.method().equals(r.method()) || !op.path().equals(template)) {
        problems.add(r.operationId() + " is " + r.method() + " " + template + " in the route table but "
            + op.method() + " " + op.path() + " in the document");
      }
    }
    for (OpenApiDocument.Operation op : document.operations()) {
      if (!served.contains(op.operationId()) && !EDGE_OPERATIONS.contains(op.operationId())) {
        problems.add(op.method() + " " + op.path() + " (" + op.operationId() + ") is documented but not served");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the route table and openapi.yaml disagree: " + String.join("; ", problems));
    }
  }
}
