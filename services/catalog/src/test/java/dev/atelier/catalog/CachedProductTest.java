package dev.atelier.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.VariantView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CachedProductTest {
  private static final ProductView VIEW = new ProductView(UUID.randomUUID(), UUID.randomUUID(), "Chair: \"oak\"", "a:b", 4_900L,
      "EUR", List.of("x"), 3, null, 7L, Instant.parse("2026-01-01T00:00:00.000001Z"), Instant.parse("2026-01-02T00:00:00Z"),
      List.of(new VariantView("A-1", "Red", 5_100, 1), new VariantView("A-2", "Blue", 5_200, 0)));

  @Test
  @DisplayName("the stored value gives back both documents, byte for byte what encoding the view gives")
  void roundTrip() {
    String stored = "7:" + CachedProduct.of(VIEW).payload();
    CachedProduct back = CachedProduct.parse(stored.getBytes(StandardCharsets.UTF_8));

    assertThat(back.version()).isEqualTo(7L);
    assertThat(new String(back.document(false), StandardCharsets.UTF_8)).isEqualTo(ContractJson.toText(VIEW.withoutVariants()));
    assertThat(ContractJson.fromBytes(back.document(true), ProductView.class)).isEqualTo(VIEW);
    assertThat(back.view(true)).isEqualTo(VIEW);
    assertThat(back.view(false)).isEqualTo(VIEW.withoutVariants());
  }

  @Test
  @DisplayName("a tombstone or a damaged value reads as a miss")
  void tombstone() {
    assertThat(CachedProduct.parse("8:".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(CachedProduct.parse("8:99999:{}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(CachedProduct.parse("x:1:{".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
