package dev.atelier.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.codecs.ai.AiApi;
import dev.atelier.codecs.ai.GenerationCompleted;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.EventProbe;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Generation jobs end to end, with the work split as operators would: the platform runs the API
 * and the services but no workers; a second node, started with ATELIER_ROLES=workers, runs only
 * the generation workers (and the AI outbox relay), serves no HTTP, and is the one that renders.
 */
class GenerationsIT {
  private static TestDatabase db;
  private static Platform platform;
  private static Node workers;
  private static int workersHttpPort;
  private static EventProbe events;
  private static String merchant;
  private static UUID merchantId;

  @BeforeAll
  static void start() {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    FuzzConfig.relaxLimits(config);
    // the results must be where both nodes look: one directory, as a shared volume would be
    config.getJsonObject("ai").getJsonObject("storage").put("dir", TestServers.tempDir("results").toString());
    platform = new Platform(config, m -> !m.name().equals("generations"));
    workersHttpPort = TestServers.freePort();
    JsonObject workerConfig = config.copy().put("roles", "workers").put("dataDir", TestServers.tempDir("worker-node").toString());
    workerConfig.getJsonObject("http").put("port", workersHttpPort);
    workers = Node.start(workerConfig);
    events = EventProbe.start(platform.vertx, config, "ai.generation.*");
    merchantId = UUID.randomUUID();
    merchant = platform.token(merchantId, Role.MERCHANT);
  }

  @AfterAll
  static void stop() {
    events.close();
    workers.close();
    platform.close();
    db.close();
  }

  @Test
  @DisplayName("the workers node runs only the workers and the AI relay, and serves no HTTP")
  void workersOnly() {
    assertThat(workers.deployed()).containsExactly("generations x1", "outbox-relay(ai)");
    assertThatThrownBy(() -> new Socket("127.0.0.1", workersHttpPort).close()).isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  @DisplayName("a job asked over HTTP runs on the workers node and yields the product card: a PNG of the asked size with the name on it")
  void productCard() throws Exception {
    String name = "Walnut reading lamp";
    UUID product = product(name, 8_900);
    String body = "{\"productId\":\"" + product + "\",\"kind\":\"image\",\"prompt\":\"warm evening light\","
        + "\"options\":{\"width\":640,\"height\":480}}";
    var accepted = post(body, "gen-" + UUID.randomUUID());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonObject job = Platform.body(accepted);
    String id = job.getString("id");
    assertThat(job.getString("status")).isEqualTo("queued");
    assertThat(accepted.headers().firstValue("Location")).hasValue("/api/ai/generations/" + id);

    Set<Integer> progress = new HashSet<>();
    Await.until(Duration.ofSeconds(60), "the job to succeed", () -> {
      JsonObject now = Platform.body(platform.send(get("/api/ai/generations/" + id, merchant)));
      progress.add(now.getInteger("progress"));
      assertThat(now.getString("status")).isNotEqualTo("failed");
      return now.getString("status").equals("succeeded");
    });
    JsonObject done = Platform.body(platform.send(get("/api/ai/generations/" + id, merchant)));
    assertThat(done.getInteger("progress")).isEqualTo(100);
    assertThat(done.getString("resultUrl")).isEqualTo("/api/ai/generations/" + id + "/result");
    GenerationCompleted completed = events.await(AiApi.GENERATION_COMPLETED, e -> e.jobId().toString().equals(id));
    assertThat(completed.merchantId()).isEqualTo(merchantId);

    HttpResponse<byte[]> result = platform.sendBytes(get(done.getString("resultUrl"), merchant));
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.body()));
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
    assertThat(distinctColours(image)).as("a generated background, not a flat fill").isGreaterThan(500);
    // the name is the only pure white in the panel's first line(s): its drawn width is the name's
    int panelTop = (int) (480 * 0.55);
    Rectangle text = whiteBounds(image, panelTop, panelTop + 640 / 40 + (int) (480 / 12 * 1.2));
    int expected = textWidth(name, new Font(Font.SANS_SERIF, Font.BOLD, 480 / 12));
    assertThat((double) text.width).as("white text width vs the name's width in the card's font")
        .isBetween(expected * 0.85, expected * 1.15);
  }

  @Test
  @DisplayName("jobs are the merchant's: others get 404, customers 403; the same Idempotency-Key names one job")
  void ownership() {
    UUID product = product("Oak bench", 20_000);
    String body = "{\"productId\":\"" + product + "\",\"kind\":\"image\"}";
    String key = "gen-" + UUID.randomUUID();
    var first = post(body, key);
    var again = post(body, key);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(Platform.body(again).getString("id")).isEqualTo(Platform.body(first).getString("id"));
    String id = Platform.body(first).getString("id");

    String other = platform.token(UUID.randomUUID(), Role.MERCHANT);
    assertThat(platform.send(get("/api/ai/generations/" + id, other)).statusCode()).isEqualTo(404);
    assertThat(platform.send(get("/api/ai/generations/" + id + "/result", other)).statusCode()).isEqualTo(404);
    assertThat(platform.json("POST", "/api/ai/generations", other, body).statusCode()).as("another merchant's product").isEqualTo(404);
    assertThat(platform.json("POST", "/api/ai/generations", platform.token(UUID.randomUUID(), Role.CUSTOMER), body).statusCode())
        .isEqualTo(403);
    assertThat(platform.send(get("/api/ai/generations/" + UUID.randomUUID(), merchant)).statusCode()).isEqualTo(404);

    var bad = platform.json("POST", "/api/ai/generations", merchant, "{\"productId\":\"" + product + "\",\"kind\":\"video\"}");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("kind");
    var tooBig = platform.json("POST", "/api/ai/generations", merchant,
        "{\"productId\":\"" + product + "\",\"kind\":\"image\",\"options\":{\"width\":4096}}");
    assertThat(tooBig.statusCode()).isEqualTo(422);
    assertThat(tooBig.body()).contains("width");
    var massAssignment = platform.json("POST", "/api/ai/generations", merchant,
        "{\"productId\":\"" + product + "\",\"kind\":\"image\",\"status\":\"succeeded\"}");
    assertThat(massAssignment.statusCode()).isEqualTo(422);
  }

  private static UUID product(String name, long priceCents) {
    var r = platform.json("POST", "/api/products", merchant, "{\"name\":\"" + name + "\",\"priceCents\":" + priceCents
        + ",\"currency\":\"EUR\",\"tags\":[\"walnut\",\"lamp\"],\"stock\":3}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return UUID.fromString(Platform.body(r).getString("id"));
  }

  private static HttpResponse<String> post(String body, String key) {
    return platform.send(platform.request("/api/ai/generations").header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + merchant).header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpRequest get(String path, String token) {
    return platform.request(path).header("Authorization", "Bearer " + token).GET().build();
  }

  static int distinctColours(BufferedImage image) {
    var colours = new HashSet<Integer>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  static Rectangle whiteBounds(BufferedImage image, int fromY, int toY) {
    Rectangle box = null;
    for (int y = fromY; y < Math.min(toY, image.getHeight()); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == 0xffffff) {
          box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
        }
      }
    }
    assertThat(box).as("white text pixels").isNotNull();
    return box;
  }

  static int textWidth(String text, Font font) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      FontMetrics m = g.getFontMetrics(font);
      return m.stringWidth(text);
    } finally {
      g.dispose();
    }
  }
}
