package dev.atelier.ai;

/**
 * How the local model ranks: text similarity (Lucene's MoreLikeThis score, scaled by the best
 * candidate's to 0..1) blended with price proximity, which is 1 at the same price and falls with
 * the log of the price ratio, so 10 vs 20 is as far apart as 100 vs 200.
 */
final class SimilarityScore {
  private SimilarityScore() {}

  static double priceProximity(long priceCents, long otherCents) {
    if (priceCents <= 0 || otherCents <= 0) {
      return priceCents == otherCents ? 1 : 0;
    }
    return 1 / (1 + Math.abs(Math.log((double) otherCents / priceCents)));
  }

  /** {@code weight} is the share of price in the score (ai.recommendations.priceWeight). */
  static double blend(double textScore, double bestTextScore, double priceProximity, double weight) {
    double text = bestTextScore <= 0 ? 0 : Math.min(1, textScore / bestTextScore);
    return round((1 - weight) * text + weight * priceProximity);
  }

  // four decimals: enough to order, and short on the wire
  static double round(double score) {
    return Math.round(score * 10_000) / 10_000.0;
  }
}
