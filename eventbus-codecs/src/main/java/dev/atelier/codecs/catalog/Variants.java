package dev.atelier.codecs.catalog;

import dev.atelier.codecs.Failure;
import java.util.HashSet;
import java.util.List;

/** Checks a product's variant list as a whole. */
final class Variants {
  private Variants() {}

  static List<VariantDraft> check(List<VariantDraft> variants) {
    if (variants == null) {
      return List.of();
    }
    if (variants.size() > ProductRules.VARIANTS_MAX) {
      throw Failure.invalid("variants", "must hold at most " + ProductRules.VARIANTS_MAX + " variants");
    }
    var skus = new HashSet<String>();
    for (int i = 0; i < variants.size(); i++) {
      VariantDraft v = variants.get(i);
      if (v == null) {
        throw Failure.invalid("variants[" + i + "]", "must not be null");
      }
      if (!skus.add(v.sku())) {
        throw Failure.invalid("variants[" + i + "].sku", "repeats sku " + v.sku());
      }
    }
    return List.copyOf(variants);
  }
}
