package dev.atelier.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.codecs.Codecs;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.CreateProduct;
import dev.atelier.codecs.catalog.DeleteProduct;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ListProducts;
import dev.atelier.codecs.catalog.ProductDocument;
import dev.atelier.codecs.catalog.ProductDraft;
import dev.atelier.codecs.catalog.ProductField;
import dev.atelier.codecs.catalog.ProductLookup;
import dev.atelier.codecs.catalog.ProductPage;
import dev.atelier.codecs.catalog.ProductPatch;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.UpdateProduct;
import dev.atelier.codecs.catalog.VariantDraft;
import dev.atelier.runtime.bus.Bus;
import dev.atelier.runtime.testing.Await;
import dev.atelier.runtime.testing.TestDatabase;
import dev.atelier.runtime.testing.TestServers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The catalog over the event bus, on real PostgreSQL and Redis. */
class CatalogApiIT {
  private static TestDatabase db;
  private static Vertx vertx;
  private static Bus bus;
  private static RedisAPI redis;
  private static ProductView cacheProbe;

  @BeforeAll
  static void deploy() {
    db = TestServers.newDatabase();
    JsonObject config = TestServers.config(db);
    vertx = Vertx.vertx();
    Codecs.install(vertx);
    Await.result(vertx.deployVerticle(CatalogVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2)));
    bus = new Bus(vertx, Duration.ofSeconds(5));
    redis = RedisAPI.api(Redis.createClient(vertx, TestServers.redisUrl()));
    cacheProbe = create(UUID.randomUUID(), chair(null));
  }

  /**
   * Each test starts with the cache answering on both instances. A burst of reads on cold Redis
   * connections (concurrentMisses) can time out on a loaded machine and open an instance's Redis
   * breaker for its reset time, by design; the next test's cache assertions must not inherit that.
   */
  @BeforeEach
  void cacheAnswers() {
    Await.until(Duration.ofSeconds(10), "the cache answering", () -> {
      for (int i = 0; i < 4; i++) {
        if (!Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(cacheProbe.id()))).fromCache()) {
          return false;
        }
      }
      return true;
    });
  }

  @AfterAll
  static void undeploy() {
    Await.result(vertx.close());
    db.close();
  }

  private static ProductDraft chair(String sku) {
    return new ProductDraft("Chair", "oak", 4_900L, "EUR", List.of("furniture"), 3,
        sku == null ? List.of() : List.of(new VariantDraft(sku, "Red", 5_100L, 1)));
  }

  private static ProductView create(UUID merchant, ProductDraft draft) {
    return Await.result(bus.request(CatalogApi.CREATE_PRODUCT, new CreateProduct(merchant, draft)));
  }

  private static long outboxRows(String type, UUID aggregate) throws Exception {
    try (var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
         var s = c.prepareStatement("SELECT count(*) FROM catalog.outbox WHERE type = ? AND aggregate_id = ?")) {
      s.setString(1, type);
      s.setObject(2, aggregate);
      var rs = s.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  @DisplayName("a created product is read from Postgres first, then from the cache, variants on request")
  void missThenHit() throws Exception {
    UUID merchant = UUID.randomUUID();
    ProductView created = create(merchant, chair("CH-" + UUID.randomUUID().toString().substring(0, 8)));
    assertThat(created.merchantId()).isEqualTo(merchant);
    assertThat(created.version()).isEqualTo(1L);
    assertThat(outboxRows("product.created", created.id())).isEqualTo(1);

    ProductLookup first = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(created.id())));
    ProductLookup second = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(created.id(), true)));

    assertThat(first.fromCache()).isFalse();
    assertThat(first.product().variants()).isNull();
    assertThat(second.fromCache()).isTrue();
    assertThat(second.product().variants()).extracting(v -> v.priceCents()).containsExactly(5_100L);
    CachedProduct cached = CachedProduct.parse(Await.result(redis.get("product:" + created.id())).toBuffer().getBytes());
    assertThat(cached.version()).isEqualTo(1L);
    assertThat(cached.view(true)).isEqualTo(second.product());

    ProductDocument doc = Await.result(bus.request(CatalogApi.GET_PRODUCT_DOCUMENT, new GetProduct(created.id(), true)));
    assertThat(doc.fromCache()).isTrue();
    assertThat(ContractJson.fromBytes(doc.json(), ProductView.class)).as("sent as stored, and still the same product")
        .isEqualTo(second.product());
  }

  @Test
  @DisplayName("an update evicts the cache and emits product.updated; the next read shows the change")
  void updateEvicts() throws Exception {
    UUID merchant = UUID.randomUUID();
    ProductView p = create(merchant, chair(null));
    Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())));

    ProductView updated = Await.result(bus.request(CatalogApi.UPDATE_PRODUCT, new UpdateProduct(p.id(), merchant,
        new ProductPatch(null, null, 3_900L, null, List.of("sale"), null, null))));

    assertThat(updated.priceCents()).isEqualTo(3_900L);
    assertThat(updated.name()).as("left out of the patch, kept").isEqualTo("Chair");
    assertThat(updated.version()).isEqualTo(2L);
    assertThat(Await.result(redis.get("product:" + p.id())).toString()).isEqualTo("2:");
    ProductLookup after = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())));
    assertThat(after.fromCache()).isFalse();
    assertThat(after.product().priceCents()).isEqualTo(3_900L);
    assertThat(after.product().tags()).containsExactly("sale");
    assertThat(outboxRows("product.updated", p.id())).isEqualTo(1);
  }

  @Test
  @DisplayName("a read that loaded the old row cannot put it back after the update's eviction")
  void staleFillRefused() {
    UUID merchant = UUID.randomUUID();
    ProductView old = create(merchant, chair(null));
    Await.result(bus.request(CatalogApi.UPDATE_PRODUCT, new UpdateProduct(old.id(), merchant,
        new ProductPatch("Renamed", null, null, null, null, null, null))));
    // what a slow reader that read version 1 before the update would try to store now
    Await.result(redis.eval(List.of(ProductCache.PUT_IF_NEWER, "1", "product:" + old.id(), "1",
        CachedProduct.of(old).payload(), "60000")));

    ProductLookup read = Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(old.id())));
    assertThat(read.product().name()).isEqualTo("Renamed");
  }

  @Test
  @DisplayName("another merchant's product answers NOT_FOUND to update and delete, and stays unchanged")
  void ownership() {
    UUID owner = UUID.randomUUID();
    ProductView p = create(owner, chair(null));
    UUID intruder = UUID.randomUUID();
    Failure update = (Failure) Await.failure(bus.request(CatalogApi.UPDATE_PRODUCT,
        new UpdateProduct(p.id(), intruder, new ProductPatch(null, null, 1L, null, null, null, null))));
    Failure delete = (Failure) Await.failure(bus.request(CatalogApi.DELETE_PRODUCT, new DeleteProduct(p.id(), intruder)));
    assertThat(update.code()).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(delete.code()).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id()))).product().priceCents()).isEqualTo(4_900L);
  }

  @Test
  @DisplayName("a deleted product is gone from reads and emits product.deleted; a second delete is NOT_FOUND")
  void delete() throws Exception {
    UUID merchant = UUID.randomUUID();
    ProductView p = create(merchant, chair(null));
    Await.result(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())));
    Await.result(bus.request(CatalogApi.DELETE_PRODUCT, new DeleteProduct(p.id(), merchant)));
    assertThat(((Failure) Await.failure(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())))).code())
        .isEqualTo(FailureCode.NOT_FOUND);
    assertThat(((Failure) Await.failure(bus.request(CatalogApi.DELETE_PRODUCT, new DeleteProduct(p.id(), merchant)))).code())
        .isEqualTo(FailureCode.NOT_FOUND);
    assertThat(outboxRows("product.deleted", p.id())).isEqualTo(1);
  }

  @Test
  @DisplayName("a SKU already used by the same merchant is a CONFLICT and nothing is written")
  void duplicateSku() throws Exception {
    UUID merchant = UUID.randomUUID();
    String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    create(merchant, chair(sku));
    Failure f = (Failure) Await.failure(bus.request(CatalogApi.CREATE_PRODUCT, new CreateProduct(merchant, chair(sku))));
    assertThat(f.code()).isEqualTo(FailureCode.CONFLICT);
    ProductPage mine = Await.result(bus.request(CatalogApi.LIST_PRODUCTS, new ListProducts(null, merchant, null, 100, null)));
    assertThat(mine.items()).hasSize(1);
    assertThat(create(UUID.randomUUID(), chair(sku)).variants()).as("another merchant may use it").hasSize(1);
  }

  @Test
  @DisplayName("a list pages newest first with an opaque cursor, carrying only the fields asked for")
  void listPaging() {
    UUID merchant = UUID.randomUUID();
    List<UUID> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(0, create(merchant, new ProductDraft("P" + i, null, (long) i, "EUR", List.of("paged"), 1, null)).id());
    }
    Set<ProductField> fields = EnumSet.of(ProductField.ID, ProductField.NAME);
    List<UUID> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      ProductPage page = Await.result(bus.request(CatalogApi.LIST_PRODUCTS, new ListProducts("paged", merchant, fields, 2, cursor)));
      for (ProductView v : page.items()) {
        seen.add(v.id());
        assertThat(v.name()).isNotNull();
        assertThat(v.priceCents()).as("not asked for").isNull();
        assertThat(v.createdAt()).as("not asked for, though the cursor uses it").isNull();
      }
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);
    assertThat(seen).isEqualTo(created);
    assertThat(pages).isEqualTo(3);
    assertThat(new HashSet<>(seen)).hasSize(5);
    Failure bad = (Failure) Await.failure(bus.request(CatalogApi.LIST_PRODUCTS, new ListProducts(null, null, null, 2, "garbage!")));
    assertThat(bad.field()).isEqualTo("cursor");
  }

  @Test
  @DisplayName("many concurrent misses for one product all get it")
  void concurrentMisses() {
    ProductView p = create(UUID.randomUUID(), chair(null));
    List<Future<ProductLookup>> reads = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      reads.add(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(p.id())));
    }
    Await.result(Future.all(reads));
    assertThat(reads).allSatisfy(r -> assertThat(r.result().product().id()).isEqualTo(p.id()));
  }
}
