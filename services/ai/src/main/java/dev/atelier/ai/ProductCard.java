package dev.atelier.ai;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The local provider's picture: a background generated from the product (a gradient and soft
 * shapes whose colours and places come from the product id, so a product keeps its look), and
 * over it a dark panel with the name, the price and the tags in white, and the merchant's prompt as
 * a caption. Plain Java imaging, CPU-bound: called on a worker thread. Needs one installed font.
 */
final class ProductCard {
  private static final Color TEXT = Color.WHITE;

  private ProductCard() {}

  static byte[] png(GenerationJob job) {
    BufferedImage image = render(job);
    var out = new ByteArrayOutputStream(64 * 1024);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static BufferedImage render(GenerationJob job) {
    int w = job.width();
    int h = job.height();
    var image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      background(g, w, h, new Random(job.productId().getMostSignificantBits() ^ job.productId().getLeastSignificantBits()));
      panel(g, job, w, h);
    } finally {
      g.dispose();
    }
    return image;
  }

  // never white: white is the text's colour, which keeps the text findable in a test
  private static void background(Graphics2D g, int w, int h, Random random) {
    float hue = random.nextFloat();
    Color from = Color.getHSBColor(hue, 0.55f, 0.80f);
    Color to = Color.getHSBColor((hue + 0.18f) % 1, 0.70f, 0.45f);
    g.setPaint(new GradientPaint(0, 0, from, w, h, to));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 14; i++) {
      float shapeHue = (hue + random.nextFloat() * 0.3f) % 1;
      g.setColor(withAlpha(Color.getHSBColor(shapeHue, 0.6f, 0.75f), 40 + random.nextInt(60)));
      double size = (0.1 + random.nextDouble() * 0.45) * Math.min(w, h);
      g.fill(new Ellipse2D.Double(random.nextDouble() * w - size / 2, random.nextDouble() * h - size / 2, size, size));
    }
  }

  private static void panel(Graphics2D g, GenerationJob job, int w, int h) {
    int margin = Math.max(4, w / 20);
    int top = (int) (h * 0.55);
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.62f));
    g.setColor(Color.BLACK);
    g.fill(new RoundRectangle2D.Double(margin / 2.0, top, w - margin, h - top - margin / 2.0, margin, margin));
    g.setComposite(AlphaComposite.SrcOver);
    g.setColor(TEXT);
    int width = w - 2 * margin;
    int y = top + margin / 2;
    y = lines(g, new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, h / 12)), job.productName(), margin, y, width, 2);
    y = lines(g, new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(7, h / 16)), price(job.priceCents(), job.currency()), margin, y, width, 1);
    if (!job.tags().isEmpty()) {
      y = lines(g, new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(6, h / 28)), "#" + String.join("  #", job.tags()), margin, y, width, 1);
    }
    if (job.prompt() != null && !job.prompt().isBlank()) {
      lines(g, new Font(Font.SANS_SERIF, Font.ITALIC, Math.max(6, h / 34)), job.prompt(), margin, y, width, 2);
    }
  }

  /** Draws {@code text} wrapped at word boundaries in at most {@code maxLines}; returns the next baseline's top. */
  private static int lines(Graphics2D g, Font font, String text, int x, int top, int width, int maxLines) {
    g.setFont(font);
    FontMetrics m = g.getFontMetrics();
    int y = top;
    for (String line : wrap(text, m, width, maxLines)) {
      y += m.getAscent();
      g.drawString(line, x, y);
      y += m.getDescent() + m.getLeading();
    }
    return y + m.getHeight() / 4;
  }

  static List<String> wrap(String text, FontMetrics m, int width, int maxLines) {
    var lines = new ArrayList<String>();
    var line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (m.stringWidth(candidate) <= width || line.length() == 0) {
        line.setLength(0);
        line.append(candidate);
      } else {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    if (lines.size() > maxLines) {
      var kept = new ArrayList<>(lines.subList(0, maxLines));
      kept.set(maxLines - 1, kept.get(maxLines - 1) + " …");
      return kept;
    }
    return lines;
  }

  static String price(long cents, String currency) {
    int digits = 2;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      // an unknown code still prints, with two decimals
    }
    long unit = (long) Math.pow(10, digits);
    return digits == 0 ? currency + " " + cents
        : String.format("%s %d.%0" + digits + "d", currency, cents / unit, cents % unit);
  }

  private static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }
}
