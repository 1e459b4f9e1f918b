package dev.atelier.ai;

import dev.atelier.codecs.ai.Recommendation;
import io.vertx.core.Future;
import java.util.List;

/** A remote model's way of ranking: given the product and the local index's candidates, the best {@code limit}. */
interface RemoteModel {
  Future<List<Recommendation>> rank(ProductCopy product, List<Similar> candidates, int limit);
}
