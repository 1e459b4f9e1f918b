package dev.atelier.codecs.catalog;

import static dev.atelier.codecs.Checks.optionalText;
import static dev.atelier.codecs.Checks.range;
import static dev.atelier.codecs.Checks.text;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A page of products, newest first; {@code cursor} is the opaque {@code nextCursor} of the page before. */
public record ListProducts(String tag, UUID merchantId, Set<ProductField> fields, int limit, String cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public ListProducts {
    tag = tag == null ? null : text("tag", tag, ProductRules.TAG_LENGTH_MAX);
    // an EnumSet keeps the declared order, so the wire form is stable
    fields = Collections.unmodifiableSet(fields == null || fields.isEmpty()
        ? EnumSet.allOf(ProductField.class) : EnumSet.copyOf(fields));
    range("limit", limit, 1, MAX_LIMIT);
    cursor = optionalText("cursor", cursor, 200);
  }
}
