package dev.atelier.codecs.catalog;

import dev.atelier.codecs.Failure;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The fields a product list can be cut down to with {@code ?fields=}; their JSON names. */
public enum ProductField {
  ID("id"),
  MERCHANT_ID("merchantId"),
  NAME("name"),
  DESCRIPTION("description"),
  PRICE_CENTS("priceCents"),
  CURRENCY("currency"),
  TAGS("tags"),
  STOCK("stock"),
  THUMBNAIL_URL("thumbnailUrl"),
  VERSION("version"),
  CREATED_AT("createdAt"),
  UPDATED_AT("updatedAt");

  public final String json;

  ProductField(String json) {
    this.json = json;
  }

  /** Parses {@code id,name,priceCents}; null or blank means every field. */
  public static Set<ProductField> parse(String list) {
    if (list == null || list.isBlank()) {
      return EnumSet.allOf(ProductField.class);
    }
    var fields = EnumSet.noneOf(ProductField.class);
    for (String name : list.split(",")) {
      String n = name.strip();
      fields.add(Arrays.stream(values()).filter(f -> f.json.equals(n)).findFirst()
          .orElseThrow(() -> Failure.invalid("fields", "unknown field '" + n + "'; allowed: "
              + String.join(",", Arrays.stream(values()).map(f -> f.json).toList()))));
    }
    return fields;
  }
}
