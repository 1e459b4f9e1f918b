package dev.atelier.ai;

import dev.atelier.codecs.ai.Recommendation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A model server that ranks itself: POST {@code {productId, limit, product, candidates}} (the product
 * with name, description, tags, priceCents; each candidate without its description, which would
 * triple the body for little) answers {@code {items: [{productId, score}]}}. It may rank the
 * candidates or name other products; unknown ids are dropped by the caller.
 */
final class RecommendationsEndpoint implements RemoteModel {
  private final WebClient web;
  private final ModelSettings settings;

  RecommendationsEndpoint(WebClient web, ModelSettings settings) {
    this.web = web;
    this.settings = settings;
  }

  @Override
  public Future<List<Recommendation>> rank(ProductCopy product, List<Similar> candidates, int limit) {
    var listed = new JsonArray();
    candidates.forEach(c -> listed.add(describe(c.product())));
    var body = new JsonObject().put("productId", product.id().toString()).put("limit", limit)
        .put("product", describe(product).put("description", product.description())).put("candidates", listed);
    return ModelRequests.post(web, settings).sendJsonObject(body)
        .compose(ModelRequests::successful)
        .map(response -> items(response.bodyAsJsonObject()));
  }

  private static JsonObject describe(ProductCopy p) {
    return new JsonObject().put("productId", p.id().toString()).put("name", p.name())
        .put("tags", new JsonArray(p.tags())).put("priceCents", p.priceCents());
  }

  private static List<Recommendation> items(JsonObject answer) {
    JsonArray items = answer == null ? null : answer.getJsonArray("items");
    if (items == null) {
      throw new IllegalStateException("the model's answer has no items");
    }
    var found = new ArrayList<Recommendation>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      found.add(new Recommendation(UUID.fromString(item.getString("productId")), item.getDouble("score", 0.0)));
    }
    return found;
  }
}
