package dev.atelier.payments;

import io.vertx.core.json.JsonObject;
import java.util.Currency;

/** The payments service's settings, read once from config. */
record PaymentsConfig(int poolSize, String currency, int ordersPrefetch) {
  PaymentsConfig {
    if (poolSize < 1) {
      throw new IllegalArgumentException("payments.poolSize must be at least 1");
    }
    if (ordersPrefetch < 1) {
      throw new IllegalArgumentException("payments.ordersPrefetch must be at least 1");
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("payments.currency must be an ISO 4217 code such as EUR");
    }
    try {
      Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("payments.currency is not an ISO 4217 currency: " + currency);
    }
  }

  static PaymentsConfig from(JsonObject root) {
    JsonObject p = root.getJsonObject("payments");
    return new PaymentsConfig(p.getInteger("poolSize"), p.getString("currency"), p.getInteger("ordersPrefetch"));
  }
}
