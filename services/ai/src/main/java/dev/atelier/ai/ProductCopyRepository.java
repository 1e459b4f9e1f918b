package dev.atelier.ai;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** All SQL on {@code ai.products}: the service's copy of the catalog. */
final class ProductCopyRepository {
  // a redelivered or late event carries an older version and changes nothing; a tombstone stays one
  private static final String UPSERT = """
      INSERT INTO products (id, merchant_id, name, description, tags, price_cents, currency, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (id) DO UPDATE SET merchant_id = EXCLUDED.merchant_id, name = EXCLUDED.name,
          description = EXCLUDED.description, tags = EXCLUDED.tags, price_cents = EXCLUDED.price_cents,
          currency = EXCLUDED.currency, version = EXCLUDED.version, changed_at = clock_timestamp()
      WHERE NOT products.deleted AND products.version < EXCLUDED.version""";
  private static final String TOMBSTONE = """
      INSERT INTO products (id, merchant_id, deleted) VALUES ($1, $2, true)
      ON CONFLICT (id) DO UPDATE SET deleted = true, changed_at = clock_timestamp() WHERE NOT products.deleted""";
  private static final String CHANGED_SINCE = """
      SELECT id, merchant_id, name, description, tags, price_cents, currency, version, deleted, changed_at
      FROM products WHERE changed_at > $1 ORDER BY changed_at""";

  /** Applies a created or updated product; false when the copy already held this version or a newer one. */
  Future<Boolean> upsert(SqlClient db, ProductCopy p) {
    return db.preparedQuery(UPSERT)
        .execute(Tuple.of(p.id(), p.merchantId(), p.name(), p.description(), p.tags().toArray(String[]::new))
            .addLong(p.priceCents()).addString(p.currency()).addLong(p.version()))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Boolean> markDeleted(SqlClient db, UUID id, UUID merchantId) {
    return db.preparedQuery(TOMBSTONE).execute(Tuple.of(id, merchantId)).map(rows -> rows.rowCount() == 1);
  }

  /** Rows changed after {@code since}, oldest change first, and when the newest of them changed. */
  Future<Changes> changedSince(SqlClient db, Instant since) {
    return db.preparedQuery(CHANGED_SINCE).execute(Tuple.of(OffsetDateTime.ofInstant(since, ZoneOffset.UTC)))
        .map(rows -> {
          var products = new ArrayList<ProductCopy>(rows.size());
          Instant newest = since;
          for (Row row : rows) {
            products.add(toCopy(row));
            Instant at = row.getOffsetDateTime("changed_at").toInstant();
            newest = at.isAfter(newest) ? at : newest;
          }
          return new Changes(products, newest);
        });
  }

  record Changes(List<ProductCopy> products, Instant newest) {}

  private static ProductCopy toCopy(Row row) {
    String[] tags = row.getArrayOfStrings("tags");
    return new ProductCopy(row.getUUID("id"), row.getUUID("merchant_id"), row.getString("name"),
        row.getString("description"), tags == null ? List.of() : Arrays.asList(tags), row.getLong("price_cents"),
        row.getString("currency"), row.getLong("version"), row.getBoolean("deleted"));
  }
}
