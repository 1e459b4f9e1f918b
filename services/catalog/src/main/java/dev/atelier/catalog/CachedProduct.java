package dev.atelier.catalog;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.VariantView;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A product as the cache holds it: {@code <version>:<n>:<view JSON without variants><variants JSON>},
 * n being the length of the first JSON. Both documents the API sends (with and without variants)
 * are cut from these bytes without parsing them, which is what makes a cache hit cheap.
 */
record CachedProduct(long version, byte[] base, byte[] variants) {
  private static final byte[] VARIANTS_FIELD = ",\"variants\":".getBytes(StandardCharsets.UTF_8);
  private static final TypeReference<List<VariantView>> VARIANT_LIST = new TypeReference<>() {};

  static CachedProduct of(ProductView view) {
    return new CachedProduct(view.version(), ContractJson.toBytes(view.withoutVariants()),
        ContractJson.toBytes(view.variants() == null ? List.of() : view.variants()));
  }

  /** The cache payload after {@code <version>:}, as the PUT_IF_NEWER script stores it. */
  String payload() {
    return base.length + ":" + new String(base, StandardCharsets.UTF_8) + new String(variants, StandardCharsets.UTF_8);
  }

  /** Parses a cache value; null for a tombstone or anything unreadable. */
  static CachedProduct parse(byte[] value) {
    int first = indexOf(value, 0);
    int second = first < 0 ? -1 : indexOf(value, first + 1);
    if (second < 0 || second == value.length - 1) {
      return null;
    }
    try {
      long version = Long.parseLong(new String(value, 0, first, StandardCharsets.US_ASCII));
      int baseLength = Integer.parseInt(new String(value, first + 1, second - first - 1, StandardCharsets.US_ASCII));
      int baseStart = second + 1;
      if (baseStart + baseLength > value.length) {
        return null;
      }
      return new CachedProduct(version, Arrays.copyOfRange(value, baseStart, baseStart + baseLength),
          Arrays.copyOfRange(value, baseStart + baseLength, value.length));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The JSON document the API sends, with or without the variants. */
  byte[] document(boolean includeVariants) {
    if (!includeVariants) {
      return base;
    }
    // base is a JSON object with at least an id, so dropping its '}' and appending a field is valid JSON
    byte[] doc = new byte[base.length - 1 + VARIANTS_FIELD.length + variants.length + 1];
    System.arraycopy(base, 0, doc, 0, base.length - 1);
    System.arraycopy(VARIANTS_FIELD, 0, doc, base.length - 1, VARIANTS_FIELD.length);
    System.arraycopy(variants, 0, doc, base.length - 1 + VARIANTS_FIELD.length, variants.length);
    doc[doc.length - 1] = '}';
    return doc;
  }

  /** The product as a record, for callers that need its fields. */
  ProductView view(boolean includeVariants) {
    ProductView v = ContractJson.fromBytes(base, ProductView.class);
    if (!includeVariants) {
      return v;
    }
    List<VariantView> vs;
    try {
      vs = ContractJson.mapper().readValue(variants, VARIANT_LIST);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable cached variants", e);
    }
    return new ProductView(v.id(), v.merchantId(), v.name(), v.description(), v.priceCents(), v.currency(), v.tags(),
        v.stock(), v.thumbnailUrl(), v.version(), v.createdAt(), v.updatedAt(), vs);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CachedProduct c && c.version == version && Arrays.equals(c.base, base) && Arrays.equals(c.variants, variants);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(version) * 31 + Arrays.hashCode(base);
  }

  @Override
  public String toString() {
    return "CachedProduct[v" + version + " " + payload() + "]";
  }
}
