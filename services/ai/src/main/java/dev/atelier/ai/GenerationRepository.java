package dev.atelier.ai;

import dev.atelier.codecs.ai.GenerationStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** All SQL on {@code ai.generation_jobs}. */
final class GenerationRepository {
  private static final String COLUMNS = """
      id, merchant_id, product_id, kind, prompt, width, height, product_name, price_cents, currency, tags,
      status, progress, attempts, error, result_key, created_at, updated_at""";
  // ON CONFLICT DO NOTHING: a second request with the merchant's key finds the first job instead
  private static final String INSERT = "INSERT INTO generation_jobs (id, merchant_id, request_key, product_id, kind, prompt,"
      + " width, height, product_name, price_cents, currency, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
      + " ON CONFLICT (merchant_id, request_key) DO NOTHING RETURNING " + COLUMNS;
  private static final String BY_KEY = "SELECT " + COLUMNS + " FROM generation_jobs WHERE merchant_id = $1 AND request_key = $2";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM generation_jobs WHERE id = $1";
  private static final String FOR_UPDATE = BY_ID + " FOR UPDATE";
  private static final String SAVE = """
      UPDATE generation_jobs SET status = $2, progress = $3, attempts = $4, error = $5, result_key = $6,
          updated_at = clock_timestamp()
      WHERE id = $1 RETURNING updated_at""";

  /** The new job, or null when the merchant's {@code requestKey} already named one. */
  Future<GenerationJob> insert(SqlClient db, GenerationJob j, String requestKey) {
    return db.preparedQuery(INSERT).execute(Tuple.from(new Object[] {j.id(), j.merchantId(), requestKey, j.productId(),
            j.kind(), j.prompt(), j.width(), j.height(), j.productName(), j.priceCents(), j.currency(),
            j.tags().toArray(String[]::new)}))
        .map(rows -> rows.size() == 0 ? null : toJob(rows.iterator().next()));
  }

  Future<GenerationJob> findByKey(SqlClient db, UUID merchantId, String requestKey) {
    return db.preparedQuery(BY_KEY).execute(Tuple.of(merchantId, requestKey)).map(GenerationRepository::single);
  }

  Future<GenerationJob> find(SqlClient db, UUID id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(GenerationRepository::single);
  }

  /** The job, its row locked until the transaction ends (a worker's decision against a concurrent one). */
  Future<GenerationJob> lock(SqlClient db, UUID id) {
    return db.preparedQuery(FOR_UPDATE).execute(Tuple.of(id)).map(GenerationRepository::single);
  }

  Future<GenerationJob> save(SqlClient db, GenerationJob j) {
    return db.preparedQuery(SAVE)
        .execute(Tuple.of(j.id(), j.status().wire(), j.progress(), j.attempts(), j.error(), j.resultKey()))
        .map(rows -> j);
  }

  private static GenerationJob single(io.vertx.sqlclient.RowSet<Row> rows) {
    return rows.size() == 0 ? null : toJob(rows.iterator().next());
  }

  private static GenerationJob toJob(Row r) {
    String[] tags = r.getArrayOfStrings("tags");
    return new GenerationJob(r.getUUID("id"), r.getUUID("merchant_id"), r.getUUID("product_id"), r.getString("kind"),
        r.getString("prompt"), r.getInteger("width"), r.getInteger("height"), r.getString("product_name"),
        r.getLong("price_cents"), r.getString("currency"), tags == null ? List.of() : Arrays.asList(tags),
        GenerationStatus.ofWire(r.getString("status")), r.getInteger("progress"), r.getInteger("attempts"),
        r.getString("error"), r.getString("result_key"),
        r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant());
  }
}
