package dev.atelier.ai;

import dev.atelier.codecs.ai.Recommendation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An OpenAI-compatible {@code /v1/embeddings} server (what most self-hosted model servers offer):
 * the product and the local index's candidates are embedded in one call ({@code input} is their
 * texts) and the candidates re-ranked by cosine similarity to the product: retrieve locally, rank
 * with the model.
 */
final class EmbeddingsEndpoint implements RemoteModel {
  private final WebClient web;
  private final ModelSettings settings;

  EmbeddingsEndpoint(WebClient web, ModelSettings settings) {
    this.web = web;
    this.settings = settings;
  }

  @Override
  public Future<List<Recommendation>> rank(ProductCopy product, List<Similar> candidates, int limit) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    var input = new JsonArray().add(product.text());
    candidates.forEach(c -> input.add(c.product().text()));
    var body = new JsonObject().put("input", input);
    if (settings.name() != null && !settings.name().isEmpty()) {
      body.put("model", settings.name());
    }
    return ModelRequests.post(web, settings).sendJsonObject(body)
        .compose(ModelRequests::successful)
        .map(response -> ranked(vectors(response.bodyAsJsonObject(), input.size()), candidates, limit));
  }

  private static float[][] vectors(JsonObject answer, int expected) {
    JsonArray data = answer == null ? null : answer.getJsonArray("data");
    if (data == null || data.size() != expected) {
      throw new IllegalStateException("the model returned " + (data == null ? "no" : data.size()) + " embeddings for " + expected);
    }
    var vectors = new float[expected][];
    for (int i = 0; i < data.size(); i++) {
      JsonObject item = data.getJsonObject(i);
      JsonArray e = item.getJsonArray("embedding");
      var v = new float[e.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = e.getNumber(j).floatValue();
      }
      vectors[item.getInteger("index", i)] = v;
    }
    return vectors;
  }

  private static List<Recommendation> ranked(float[][] vectors, List<Similar> candidates, int limit) {
    var found = new ArrayList<Recommendation>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      found.add(new Recommendation(candidates.get(i).product().id(), SimilarityScore.round(cosine(vectors[0], vectors[i + 1]))));
    }
    found.sort(Comparator.comparingDouble(Recommendation::score).reversed());
    return found.size() > limit ? found.subList(0, limit) : found;
  }

  static double cosine(float[] a, float[] b) {
    if (a == null || b == null || a.length != b.length) {
      throw new IllegalStateException("embeddings of different sizes");
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
