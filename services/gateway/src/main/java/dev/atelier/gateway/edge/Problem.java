package dev.atelier.gateway.edge;

import java.util.List;

/** An RFC 9457 problem as the API sends it, {@code errors} only for validation failures. */
public record Problem(String type, String title, int status, String detail, String correlationId, List<FieldError> errors) {
  public record FieldError(String field, String message) {}
}
