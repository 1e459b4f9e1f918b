package dev.atelier.gateway.edge;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The first response to an idempotent request, kept to answer its repeats: status, the headers that matter, body. */
public record StoredResponse(int status, Map<String, String> headers, Buffer body) {
  /** The headers a replay must repeat; the rest (Date, RateLimit-*, X-Correlation-Id) belong to each answer. */
  public static final List<String> KEPT_HEADERS = List.of("Content-Type", "Location", "ETag", "Last-Modified");
  /** Tells a client its answer is a replay, not a second effect (the name Stripe and others use). */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  public StoredResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100-599, was " + status);
    }
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** Keeps only {@link #KEPT_HEADERS} of {@code headers}. */
  public static StoredResponse of(int status, MultiMap headers, Buffer body) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : KEPT_HEADERS) {
      String value = headers.get(name);
      if (value != null) {
        kept.put(name, value);
      }
    }
    return new StoredResponse(status, kept, body);
  }

  /** Answers with this response again, marked {@code Idempotent-Replayed: true}. */
  public Future<Void> replayTo(HttpServerResponse response) {
    response.setStatusCode(status);
    headers.forEach(response::putHeader);
    response.putHeader(REPLAYED_HEADER, "true");
    return response.end(body);
  }
}
