package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.required;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A product as the API's JSON document (a ProductView's JSON), ready to send, and whether it came
 * from the cache. The HTTP read path uses it so a cache hit is sent as stored, with no decode and
 * re-encode; services that need the fields ask GET_PRODUCT for a ProductView instead.
 */
public record ProductDocument(byte[] json, boolean fromCache) {
  public ProductDocument {
    required("json", json);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProductDocument d && d.fromCache == fromCache && Arrays.equals(d.json, json);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(json) + Boolean.hashCode(fromCache);
  }

  @Override
  public String toString() {
    return "ProductDocument[" + new String(json, StandardCharsets.UTF_8) + ", fromCache=" + fromCache + "]";
  }
}
