package dev.atelier.codecs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProductRulesTest {
  private static Failure failureOf(Runnable r) {
    Failure f = catchThrowableOfType(Failure.class, r::run);
    assertThat(f).as("expected a Failure").isNotNull();
    assertThat(f.code()).isEqualTo(FailureCode.INVALID);
    return f;
  }

  private static ProductDraft draft(String name, Long price, String currency, List<VariantDraft> variants) {
    return new ProductDraft(name, null, price, currency, List.of(" oak ", "oak"), null, variants);
  }

  @Test
  @DisplayName("a valid draft is normalised: trimmed, distinct tags, zero stock, empty description")
  void normalised() {
    var d = draft("  Chair ", 100L, "EUR", null);
    assertThat(d.name()).isEqualTo("Chair");
    assertThat(d.tags()).containsExactly("oak");
    assertThat(d.stock()).isZero();
    assertThat(d.description()).isEmpty();
    assertThat(d.variants()).isEmpty();
  }

  @Test
  @DisplayName("each broken rule names its field")
  void namesTheField() {
    assertThat(failureOf(() -> draft(" ", 100L, "EUR", null)).field()).isEqualTo("name");
    assertThat(failureOf(() -> draft("Chair", null, "EUR", null)).field()).isEqualTo("priceCents");
    assertThat(failureOf(() -> draft("Chair", -1L, "EUR", null)).field()).isEqualTo("priceCents");
    assertThat(failureOf(() -> draft("Chair", 1L, "eur", null)).field()).isEqualTo("currency");
    assertThat(failureOf(() -> draft("Chair", 1L, "XYZ", null)).field()).isEqualTo("currency");
    var dup = List.of(new VariantDraft("A", "a", 1L, 1), new VariantDraft("A", "b", 1L, 1));
    assertThat(failureOf(() -> draft("Chair", 1L, "EUR", dup)).field()).isEqualTo("variants[1].sku");
    assertThat(failureOf(() -> new VariantDraft("bad sku", "x", 1L, 1)).field()).isEqualTo("sku");
    assertThat(failureOf(() -> new ProductPatch(null, null, null, null, null, null, null)).field()).isNull();
    assertThat(failureOf(() -> new ProductPatch(null, null, null, null, null, -5, null)).field()).isEqualTo("stock");
    assertThat(failureOf(() -> new ListProducts(null, null, null, 101, null)).field()).isEqualTo("limit");
  }

  @Test
  @DisplayName("fields= accepts only known JSON names and names the bad one")
  void fields() {
    assertThat(ProductField.parse("id, name,priceCents")).isEqualTo(Set.of(ProductField.ID, ProductField.NAME, ProductField.PRICE_CENTS));
    assertThat(ProductField.parse(null)).hasSize(ProductField.values().length);
    Failure f = failureOf(() -> ProductField.parse("id,password"));
    assertThat(f.field()).isEqualTo("fields");
    assertThat(f.getMessage()).contains("password");
  }
}
