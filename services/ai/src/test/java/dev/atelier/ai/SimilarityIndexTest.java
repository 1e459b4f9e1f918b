package dev.atelier.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimilarityIndexTest {
  private static final UUID MERCHANT = UUID.randomUUID();
  private final SimilarityIndex index = new SimilarityIndex(0.25, 50);
  private final ProductCopy oakChair = product("Oak dining chair", "A solid oak chair for the dining room", 12_000, "chair", "oak", "dining");
  private final ProductCopy walnutChair = product("Walnut dining chair", "A walnut chair with a curved back", 14_000, "chair", "walnut", "dining");
  private final ProductCopy oakTable = product("Oak dining table", "Seats six; solid oak top", 40_000, "table", "oak", "dining");
  private final ProductCopy mug = product("Stoneware mug", "Glazed stoneware for coffee", 1_500, "mug", "kitchen");
  private final ProductCopy teaMug = product("Porcelain tea mug", "Thin porcelain mug for tea", 1_800, "mug", "kitchen");

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  @DisplayName("products sharing words rank above the rest, the product itself is never in its answer")
  void rankedByText() {
    index.apply(List.of(oakChair, walnutChair, oakTable, mug, teaMug));
    List<Similar> found = index.similar(oakChair.id(), 2);
    assertThat(found).extracting(s -> s.product().id()).containsExactlyInAnyOrder(walnutChair.id(), oakTable.id());
    assertThat(index.similar(mug.id(), 1)).extracting(s -> s.product().id()).containsExactly(teaMug.id());
    assertThat(index.similar(oakChair.id(), 10)).extracting(s -> s.product().id()).doesNotContain(oakChair.id());
  }

  @Test
  @DisplayName("plural and singular meet: stemming finds 'chairs' from 'chair'")
  void stemming() {
    var chairs = product("Garden chairs", "Two folding chairs", 9_000);
    index.apply(List.of(oakChair, chairs, mug));
    assertThat(index.similar(chairs.id(), 1)).extracting(s -> s.product().id()).containsExactly(oakChair.id());
  }

  @Test
  @DisplayName("between equal texts, the closer price ranks first")
  void priceBreaksTies() {
    var cheap = product("Linen cushion", "Linen cushion cover", 2_000);
    var near = product("Linen cushion", "Linen cushion cover", 2_200);
    var dear = product("Linen cushion", "Linen cushion cover", 20_000);
    index.apply(List.of(cheap, near, dear));
    List<Similar> found = index.similar(cheap.id(), 2);
    assertThat(found).extracting(s -> s.product().id()).containsExactly(near.id(), dear.id());
    assertThat(found.get(0).score()).isGreaterThan(found.get(1).score());
  }

  @Test
  @DisplayName("a deletion leaves every answer; an older version changes nothing; a newer one is searched")
  void keptCurrent() {
    index.apply(List.of(oakChair, walnutChair, oakTable, mug, teaMug));
    index.apply(List.of(tombstone(walnutChair)));
    assertThat(index.contains(walnutChair.id())).isFalse();
    assertThat(index.similar(oakChair.id(), 10)).extracting(s -> s.product().id()).doesNotContain(walnutChair.id());

    var renamed = new ProductCopy(mug.id(), MERCHANT, "Oak dining bench", "Solid oak bench", List.of("oak"), 9_000, "EUR", 2, false);
    var stale = new ProductCopy(mug.id(), MERCHANT, "Stoneware mug", "old", List.of(), 1_500, "EUR", 1, false);
    assertThat(index.apply(List.of(renamed, stale))).isEqualTo(1);
    assertThat(index.product(mug.id()).name()).isEqualTo("Oak dining bench");
    // the walnut chair is gone, so the oak table and the renamed bench are what the oak chair is like now
    assertThat(index.similar(oakChair.id(), 2)).extracting(s -> s.product().id()).containsExactlyInAnyOrder(oakTable.id(), mug.id());
  }

  @Test
  @DisplayName("a product with no words in common still gets a full answer, by price; an unknown one gets none")
  void toppedUpByPrice() {
    var odd = product("Xylophone", "Zither", 1_600);
    index.apply(List.of(oakChair, oakTable, mug, odd));
    List<Similar> found = index.similar(odd.id(), 2);
    assertThat(found).extracting(s -> s.product().id()).containsExactly(mug.id(), oakChair.id());
    assertThat(index.similar(UUID.randomUUID(), 5)).isEmpty();
  }

  @Test
  @DisplayName("a ranking is remembered until the next change, which forgets it")
  void remembered() {
    index.apply(List.of(oakChair, walnutChair, oakTable, mug));
    assertThat(index.remembered(oakChair.id(), 2)).isNull();
    List<Similar> first = index.similar(oakChair.id(), 2);
    assertThat(index.remembered(oakChair.id(), 2)).isSameAs(first);
    var renamed = new ProductCopy(mug.id(), MERCHANT, oakChair.name(), oakChair.description(), oakChair.tags(), 12_000, "EUR", 2, false);
    index.apply(List.of(renamed));
    assertThat(index.remembered(oakChair.id(), 2)).isNull();
    assertThat(index.similar(oakChair.id(), 1)).extracting(s -> s.product().id()).containsExactly(mug.id());
  }

  private static ProductCopy product(String name, String description, long priceCents, String... tags) {
    return new ProductCopy(UUID.randomUUID(), MERCHANT, name, description, List.of(tags), priceCents, "EUR", 1, false);
  }

  private static ProductCopy tombstone(ProductCopy p) {
    return new ProductCopy(p.id(), p.merchantId(), "", "", List.of(), 0, "", p.version(), true);
  }
}
