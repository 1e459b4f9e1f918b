package dev.atelier.catalog;

import dev.atelier.runtime.db.PageCursor;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.catalog.ProductDraft;
import dev.atelier.codecs.catalog.ProductField;
import dev.atelier.codecs.catalog.ProductPage;
import dev.atelier.codecs.catalog.ProductPatch;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.VariantDraft;
import dev.atelier.codecs.catalog.VariantView;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** All SQL on the catalog's products and variants. Methods take a SqlClient: the caller picks pool or transaction. */
final class ProductRepository {
  private static final Map<ProductField, String> COLUMNS = new EnumMap<>(Map.ofEntries(
      Map.entry(ProductField.ID, "id"),
      Map.entry(ProductField.MERCHANT_ID, "merchant_id"),
      Map.entry(ProductField.NAME, "name"),
      Map.entry(ProductField.DESCRIPTION, "description"),
      Map.entry(ProductField.PRICE_CENTS, "price_cents"),
      Map.entry(ProductField.CURRENCY, "currency"),
      Map.entry(ProductField.TAGS, "tags"),
      Map.entry(ProductField.STOCK, "stock"),
      Map.entry(ProductField.THUMBNAIL_URL, "thumbnail_url"),
      Map.entry(ProductField.VERSION, "version"),
      Map.entry(ProductField.CREATED_AT, "created_at"),
      Map.entry(ProductField.UPDATED_AT, "updated_at")));
  private static final String ALL = String.join(", ", COLUMNS.values());
  private static final Set<ProductField> ALL_FIELDS = EnumSet.allOf(ProductField.class);

  private static final String INSERT = """
      INSERT INTO products (id, merchant_id, name, description, price_cents, currency, tags, stock)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING\s""" + ALL;
  private static final String INSERT_VARIANT = """
      INSERT INTO variants (product_id, merchant_id, sku, name, price_cents, stock, position)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";
  // a field left out of the patch is NULL here and keeps its value
  private static final String UPDATE = """
      UPDATE products SET
        name = COALESCE($3, name), description = COALESCE($4, description),
        price_cents = COALESCE($5, price_cents), currency = COALESCE($6, currency),
        tags = COALESCE($7, tags), stock = COALESCE($8, stock),
        version = version + 1, updated_at = clock_timestamp()
      WHERE id = $1 AND merchant_id = $2 RETURNING\s""" + ALL;
  private static final String DELETE = "DELETE FROM products WHERE id = $1 AND merchant_id = $2 RETURNING version";
  private static final String DELETE_VARIANTS = "DELETE FROM variants WHERE product_id = $1";
  private static final String BY_IDS = "SELECT " + ALL + " FROM products WHERE id = ANY($1)";
  private static final String VARIANTS_BY_PRODUCTS = """
      SELECT product_id, sku, name, price_cents, stock FROM variants
      WHERE product_id = ANY($1) ORDER BY product_id, position""";

  // Stock moves bump the product's version (its variants have none): the cache refuses to store a
  // version older than the tombstone the change leaves, so a read that began before cannot put the old
  // stock back. "stock >= $2", not the CHECK: a violated CHECK is an error, and an error aborts the
  // whole transaction (the inbox row included), while no row is an answer ("short") the caller rolls
  // back to its savepoint. With $2 = 0 (only variant lines) it locks the row and proves it exists.
  private static final String TAKE_PRODUCT = """
      UPDATE products SET stock = stock - $2, version = version + 1, updated_at = clock_timestamp()
      WHERE id = $1 AND stock >= $2 RETURNING version""";
  private static final String TAKE_VARIANT = """
      UPDATE variants SET stock = stock - $3 WHERE product_id = $1 AND sku = $2 AND stock >= $3""";
  private static final String RETURN_PRODUCT = """
      UPDATE products SET stock = stock + $2, version = version + 1, updated_at = clock_timestamp()
      WHERE id = $1 RETURNING version""";
  private static final String RETURN_VARIANT = "UPDATE variants SET stock = stock + $3 WHERE product_id = $1 AND sku = $2";

  /**
   * What {@link #takeStock} did: the new version of every product it changed, or the first line it
   * could not take (too little stock, or no such product or variant). When {@code shortLine} is set the
   * earlier lines were taken all the same: the caller rolls them back.
   */
  record StockTaken(Map<UUID, Long> versions, Reservation.Line shortLine) {
    boolean complete() {
      return shortLine == null;
    }
  }

  /**
   * Takes {@code lines} (in {@link Reservation#LOCK_ORDER}) from stock one statement at a time, each
   * product's row before its variants' rows, stopping at the first line that is short.
   */
  Future<StockTaken> takeStock(SqlClient tx, List<Reservation.Line> lines) {
    Future<StockTaken> done = Future.succeededFuture(new StockTaken(new LinkedHashMap<>(), null));
    for (var product : byProduct(lines).entrySet()) {
      done = done.compose(taken -> taken.complete() ? takeProduct(tx, product.getKey(), product.getValue(), taken)
          : Future.succeededFuture(taken));
    }
    return done;
  }

  private Future<StockTaken> takeProduct(SqlClient tx, UUID id, List<Reservation.Line> lines, StockTaken taken) {
    Reservation.Line own = lines.get(0).ofVariant() ? null : lines.get(0);
    return tx.preparedQuery(TAKE_PRODUCT).execute(Tuple.of(id, own == null ? 0 : own.quantity())).compose(rows -> {
      if (rows.rowCount() == 0) {
        // too little of the product's own stock, or (with only variant lines) no such product
        return Future.succeededFuture(new StockTaken(taken.versions(), own == null ? lines.get(0) : own));
      }
      taken.versions().put(id, rows.iterator().next().getLong(0));
      Future<StockTaken> done = Future.succeededFuture(taken);
      for (Reservation.Line v : lines.subList(own == null ? 0 : 1, lines.size())) {
        done = done.compose(t -> !t.complete() ? Future.succeededFuture(t)
            : tx.preparedQuery(TAKE_VARIANT).execute(Tuple.of(id, v.variantSku(), v.quantity()))
                .map(r -> r.rowCount() == 1 ? t : new StockTaken(t.versions(), v)));
      }
      return done;
    });
  }

  /**
   * Puts {@code lines} back into stock in {@link Reservation#LOCK_ORDER}; a product or variant deleted
   * since has nothing to take them back. Answers the new version of every product it changed.
   */
  Future<Map<UUID, Long>> returnStock(SqlClient tx, List<Reservation.Line> lines) {
    Map<UUID, Long> versions = new LinkedHashMap<>();
    Future<Void> done = Future.succeededFuture();
    for (var product : byProduct(lines).entrySet()) {
      UUID id = product.getKey();
      List<Reservation.Line> ofProduct = product.getValue();
      int own = ofProduct.get(0).ofVariant() ? 0 : ofProduct.get(0).quantity();
      done = done.compose(v -> tx.preparedQuery(RETURN_PRODUCT).execute(Tuple.of(id, own)).compose(rows -> {
        if (rows.rowCount() == 0) {
          return Future.succeededFuture();
        }
        versions.put(id, rows.iterator().next().getLong(0));
        List<Tuple> variants = ofProduct.stream().filter(Reservation.Line::ofVariant)
            .map(l -> Tuple.of(id, l.variantSku(), l.quantity())).toList();
        return variants.isEmpty() ? Future.succeededFuture()
            : tx.preparedQuery(RETURN_VARIANT).executeBatch(variants).mapEmpty();
      }));
    }
    return done.map(versions);
  }

  /** {@code lines} grouped by product, keeping their order (a product's own line first, if any). */
  private static Map<UUID, List<Reservation.Line>> byProduct(List<Reservation.Line> lines) {
    Map<UUID, List<Reservation.Line>> grouped = new LinkedHashMap<>();
    for (Reservation.Line l : lines) {
      grouped.computeIfAbsent(l.productId(), k -> new ArrayList<>()).add(l);
    }
    return grouped;
  }

  Future<ProductView> insert(SqlClient tx, UUID id, UUID merchantId, ProductDraft d) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(id, merchantId, d.name(), d.description(), d.priceCents(), d.currency(),
            d.tags().toArray(String[]::new), d.stock()))
        .compose(rows -> insertVariants(tx, id, merchantId, d.variants())
            .map(variants -> toView(rows.iterator().next(), ALL_FIELDS, variants)))
        .recover(ProductRepository::skuConflict);
  }

  /** The patched product, or empty when it does not exist or belongs to another merchant. */
  Future<Optional<ProductView>> update(SqlClient tx, UUID id, UUID merchantId, ProductPatch p) {
    return tx.preparedQuery(UPDATE)
        .execute(Tuple.from(new Object[] {id, merchantId, p.name(), p.description(), p.priceCents(), p.currency(),
            p.tags() == null ? null : p.tags().toArray(String[]::new), p.stock()}))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture(Optional.<ProductView>empty());
          }
          Row row = rows.iterator().next();
          Future<List<VariantView>> variants = p.variants() == null
              ? variantsOf(tx, List.of(id)).map(m -> m.getOrDefault(id, List.of()))
              : tx.preparedQuery(DELETE_VARIANTS).execute(Tuple.of(id))
                  .compose(v -> insertVariants(tx, id, merchantId, p.variants()));
          return variants.map(vs -> Optional.of(toView(row, ALL_FIELDS, vs)));
        })
        .recover(ProductRepository::skuConflict);
  }

  /** The version the product had, or empty when it does not exist or belongs to another merchant. */
  Future<Optional<Long>> delete(SqlClient tx, UUID id, UUID merchantId) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(id, merchantId))
        .map(rows -> rows.rowCount() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  /** Whole products with variants, for the ids that exist; one query for products, one for variants. */
  Future<Map<UUID, ProductView>> findByIds(SqlClient db, List<UUID> ids) {
    UUID[] array = ids.toArray(UUID[]::new);
    Future<RowSet<Row>> products = db.preparedQuery(BY_IDS).execute(Tuple.of(array));
    Future<Map<UUID, List<VariantView>>> variants = variantsOf(db, ids);
    return Future.all(products, variants).map(all -> {
      Map<UUID, ProductView> found = new HashMap<>();
      for (Row row : products.result()) {
        UUID id = row.getUUID("id");
        found.put(id, toView(row, ALL_FIELDS, variants.result().getOrDefault(id, List.of())));
      }
      return found;
    });
  }

  /** A page newest first, after {@code after} (exclusive); only {@code fields} are read and sent. */
  Future<ProductPage> page(SqlClient db, String tag, UUID merchantId, Set<ProductField> fields,
                           PageCursor after, int limit) {
    var sql = new StringBuilder("SELECT ");
    // the cursor needs created_at and id whatever the client asked for
    sql.append(fields.stream().filter(f -> f != ProductField.ID && f != ProductField.CREATED_AT)
        .map(COLUMNS::get).map(c -> c + ", ").collect(Collectors.joining()));
    sql.append("id, created_at FROM products WHERE true");
    var params = Tuple.tuple();
    if (tag != null) {
      params.addValue(new String[] {tag});
      sql.append(" AND tags @> $").append(params.size());
    }
    if (merchantId != null) {
      params.addValue(merchantId);
      sql.append(" AND merchant_id = $").append(params.size());
    }
    if (after != null) {
      params.addValue(after.createdAt().atOffset(ZoneOffset.UTC));
      params.addValue(after.id());
      sql.append(" AND (created_at, id) < ($").append(params.size() - 1).append(", $").append(params.size()).append(")");
    }
    // one row more than asked tells whether another page follows
    params.addValue(limit + 1);
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT $").append(params.size());
    return db.preparedQuery(sql.toString()).execute(params).map(rows -> {
      List<ProductView> items = new ArrayList<>(Math.min(rows.size(), limit));
      PageCursor next = null;
      for (Row row : rows) {
        if (items.size() == limit) {
          break;
        }
        items.add(toView(row, fields, null));
        next = new PageCursor(instant(row, "created_at"), row.getUUID("id"));
      }
      return new ProductPage(items, rows.size() > limit ? next.encode() : null);
    });
  }

  private Future<List<VariantView>> insertVariants(SqlClient tx, UUID productId, UUID merchantId, List<VariantDraft> drafts) {
    if (drafts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Tuple> batch = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      VariantDraft v = drafts.get(i);
      batch.add(Tuple.of(productId, merchantId, v.sku(), v.name(), v.priceCents(), v.stock(), i));
    }
    return tx.preparedQuery(INSERT_VARIANT).executeBatch(batch)
        .map(done -> drafts.stream().map(v -> new VariantView(v.sku(), v.name(), v.priceCents(), v.stock())).toList());
  }

  private Future<Map<UUID, List<VariantView>>> variantsOf(SqlClient db, List<UUID> productIds) {
    return db.preparedQuery(VARIANTS_BY_PRODUCTS).execute(Tuple.of(productIds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, List<VariantView>> byProduct = new HashMap<>();
      for (Row r : rows) {
        byProduct.computeIfAbsent(r.getUUID("product_id"), k -> new ArrayList<>())
            .add(new VariantView(r.getString("sku"), r.getString("name"), r.getLong("price_cents"), r.getInteger("stock")));
      }
      return byProduct;
    });
  }

  private static <T> Future<T> skuConflict(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())
        && String.valueOf(pg.getConstraint()).startsWith("variants_")) {
      return Future.failedFuture(Failure.conflict("a variant sku is already used by another of your products"));
    }
    return Future.failedFuture(e);
  }

  private static ProductView toView(Row row, Set<ProductField> fields, List<VariantView> variants) {
    return new ProductView(
        fields.contains(ProductField.ID) ? row.getUUID("id") : null,
        fields.contains(ProductField.MERCHANT_ID) ? row.getUUID("merchant_id") : null,
        fields.contains(ProductField.NAME) ? row.getString("name") : null,
        fields.contains(ProductField.DESCRIPTION) ? row.getString("description") : null,
        fields.contains(ProductField.PRICE_CENTS) ? row.getLong("price_cents") : null,
        fields.contains(ProductField.CURRENCY) ? row.getString("currency") : null,
        fields.contains(ProductField.TAGS) ? List.of(row.getArrayOfStrings("tags")) : null,
        fields.contains(ProductField.STOCK) ? row.getInteger("stock") : null,
        fields.contains(ProductField.THUMBNAIL_URL) ? row.getString("thumbnail_url") : null,
        fields.contains(ProductField.VERSION) ? row.getLong("version") : null,
        fields.contains(ProductField.CREATED_AT) ? instant(row, "created_at") : null,
        fields.contains(ProductField.UPDATED_AT) ? instant(row, "updated_at") : null,
        variants);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
