package dev.atelier.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.ai.GenerationStatus;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProductCardTest {
  private static final UUID PRODUCT = UUID.randomUUID();

  private static GenerationJob job(String name, int w, int h) {
    return new GenerationJob(UUID.randomUUID(), UUID.randomUUID(), PRODUCT, "image", "studio light", w, h,
        name, 12_950, "EUR", List.of("oak", "dining"), GenerationStatus.RUNNING, 10, 1, null, null, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  @DisplayName("a PNG of the requested size with varied content, which decodes")
  void png() throws Exception {
    byte[] png = ProductCard.png(job("Oak dining chair", 640, 480));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
    assertThat(image.getRGB(5, 5)).isNotEqualTo(image.getRGB(600, 100));
  }

  @Test
  @DisplayName("the name is drawn: renders differing only in the name differ in the name's band, and a longer name is wider")
  void nameIsDrawn() {
    BufferedImage shortName = ProductCard.render(job("Oak", 800, 600));
    BufferedImage longName = ProductCard.render(job("Oak dining chair", 800, 600));
    Rectangle diff = differences(shortName, longName);
    assertThat(diff).isNotNull();
    // the name is the first line in the panel, which starts at 55% of the height
    assertThat(diff.y).isGreaterThanOrEqualTo((int) (600 * 0.55));
    assertThat(diff.y + diff.height).isLessThan((int) (600 * 0.80));
    assertThat(white(longName).width).isGreaterThan(white(shortName).width);
  }

  @Test
  @DisplayName("prices print with the currency's own decimals")
  void price() {
    assertThat(ProductCard.price(12_950, "EUR")).isEqualTo("EUR 129.50");
    assertThat(ProductCard.price(1_500, "JPY")).isEqualTo("JPY 1500");
    assertThat(ProductCard.price(5, "EUR")).isEqualTo("EUR 0.05");
  }

  private static Rectangle differences(BufferedImage a, BufferedImage b) {
    Rectangle box = null;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
        }
      }
    }
    return box;
  }

  // the text is the only pure white: the background never is
  static Rectangle white(BufferedImage image) {
    Rectangle box = new Rectangle();
    int nameBottom = (int) (image.getHeight() * 0.55) + image.getHeight() / 12 * 2;
    for (int y = (int) (image.getHeight() * 0.55); y < nameBottom; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == 0xffffff) {
          box = box.isEmpty() ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
        }
      }
    }
    return box;
  }
}
