package dev.atelier.orders;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.catalog.VariantView;
import dev.atelier.codecs.orders.OrderDraft;
import dev.atelier.codecs.orders.OrderLine;
import dev.atelier.codecs.orders.OrderLineDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prices a draft at the catalog's current prices: each line's product (or variant) must exist and be
 * priced in the wallets' currency. Failures name the line's field, like every validation.
 */
final class OrderPricing {
  private final String currency;

  OrderPricing(String currency) {
    this.currency = currency;
  }

  /** {@code products}: what the catalog answered for each product id of the draft (absent: no such product). */
  List<OrderLine> price(OrderDraft draft, Map<UUID, ProductView> products) {
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < draft.items().size(); i++) {
      OrderLineDraft d = draft.items().get(i);
      String at = "items[" + i + "]";
      ProductView p = products.get(d.productId());
      if (p == null) {
        throw Failure.invalid(at + ".productId", "no such product");
      }
      if (!currency.equals(p.currency())) {
        throw Failure.invalid(at + ".productId", "is priced in " + p.currency() + "; orders are paid in " + currency);
      }
      long unitPrice;
      if (d.variantSku() == null) {
        if (p.priceCents() == null) {
          throw Failure.invalid(at + ".productId", "has no price");
        }
        unitPrice = p.priceCents();
      } else {
        VariantView v = variant(p, d.variantSku());
        if (v == null) {
          throw Failure.invalid(at + ".variantSku", "no such variant of this product");
        }
        unitPrice = v.priceCents();
      }
      lines.add(new OrderLine(d.productId(), d.variantSku(), d.quantity(), unitPrice));
    }
    return lines;
  }

  private static VariantView variant(ProductView p, String sku) {
    if (p.variants() == null) {
      return null;
    }
    for (VariantView v : p.variants()) {
      if (v.sku().equals(sku)) {
        return v;
      }
    }
    return null;
  }
}
