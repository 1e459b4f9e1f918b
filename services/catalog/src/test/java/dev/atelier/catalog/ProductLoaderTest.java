package dev.atelier.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.runtime.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProductLoaderTest {
  private Vertx vertx;
  private Context context;
  private final List<List<UUID>> batches = new CopyOnWriteArrayList<>();
  private final List<Promise<Map<UUID, CachedProduct>>> pendingReads = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  private static CachedProduct cached(UUID id) {
    return CachedProduct.of(new ProductView(id, UUID.randomUUID(), "p", "", 1L, "EUR", List.of(), 0, null, 1L, null, null, List.of()));
  }

  /** A batch reader that records each batch and answers when the test says so. */
  private Future<Map<UUID, CachedProduct>> read(List<UUID> ids) {
    batches.add(ids);
    Promise<Map<UUID, CachedProduct>> p = Promise.promise();
    pendingReads.add(p);
    return p.future();
  }

  private <T> T onContext(java.util.function.Supplier<T> work) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> p.complete(work.get()));
    return Await.result(p.future());
  }

  @Test
  @DisplayName("ids asked for in one tick are read in one batch; a second ask for an id in flight joins it")
  void batchesAndCoalesces() {
    var loader = new ProductLoader(context, this::read);
    UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
    List<Future<CachedProduct>> loads = onContext(() -> {
      var l = new ArrayList<Future<CachedProduct>>();
      l.add(loader.load(a));
      l.add(loader.load(b));
      l.add(loader.load(a));
      l.add(loader.load(c));
      return l;
    });
    Await.until(java.time.Duration.ofSeconds(5), "the batch read", () -> batches.size() == 1);
    assertThat(batches.get(0)).containsExactly(a, b, c);

    // a miss in a later tick, while the first read is still out, joins it instead of reading again
    Future<CachedProduct> late = onContext(() -> loader.load(b));
    CachedProduct productA = cached(a), productB = cached(b);
    context.runOnContext(v -> pendingReads.get(0).complete(Map.of(a, productA, b, productB)));

    assertThat(Await.result(loads.get(0))).isSameAs(productA);
    assertThat(Await.result(loads.get(2))).isSameAs(productA);
    assertThat(Await.result(late)).isSameAs(productB);
    assertThat(((Failure) Await.failure(loads.get(3))).code()).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(batches).hasSize(1);
  }

  @Test
  @DisplayName("a change announced by any instance stops later misses from joining a read that began before it")
  void announcedChangeForgets() {
    var loader = new ProductLoader(context, this::read);
    var changes = new ProductChanges(vertx.eventBus());
    onContext(() -> changes.followWith(loader));
    UUID a = UUID.randomUUID();
    Future<CachedProduct> before = onContext(() -> loader.load(a));
    Await.until(java.time.Duration.ofSeconds(5), "first read", () -> batches.size() == 1);

    onContext(() -> {
      changes.announce(a);
      return null;
    });
    Future<CachedProduct> after = onContext(() -> loader.load(a));

    Await.until(java.time.Duration.ofSeconds(5), "a second, fresh read", () -> batches.size() == 2);
    assertThat(after).isNotSameAs(before);
  }

  @Test
  @DisplayName("a change announced before a queued read starts loses no waiter")
  void forgetBeforeFlush() {
    var loader = new ProductLoader(context, this::read);
    UUID a = UUID.randomUUID();
    List<Future<CachedProduct>> loads = onContext(() -> {
      var first = loader.load(a);
      loader.forget(a);
      var second = loader.load(a);
      return List.of(first, second);
    });
    Await.until(java.time.Duration.ofSeconds(5), "the batch read", () -> batches.size() == 1);
    CachedProduct product = cached(a);
    context.runOnContext(v -> pendingReads.get(0).complete(Map.of(a, product)));
    assertThat(Await.result(loads.get(0))).isSameAs(product);
    assertThat(Await.result(loads.get(1))).isSameAs(product);
  }

  @Test
  @DisplayName("after a read completes, the next miss for that id reads again")
  void nextMissReadsAgain() {
    var loader = new ProductLoader(context, this::read);
    UUID a = UUID.randomUUID();
    Future<CachedProduct> first = onContext(() -> loader.load(a));
    Await.until(java.time.Duration.ofSeconds(5), "first read", () -> batches.size() == 1);
    context.runOnContext(v -> pendingReads.get(0).complete(Map.of(a, cached(a))));
    Await.result(first);
    onContext(() -> loader.load(a));
    Await.until(java.time.Duration.ofSeconds(5), "second read", () -> batches.size() == 2);
    assertThat(batches.stream().map(List::size).collect(Collectors.toList())).containsExactly(1, 1);
  }
}
