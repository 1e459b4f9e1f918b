package dev.atelier.orders;

import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.codecs.catalog.CatalogApi;
import dev.atelier.codecs.catalog.GetProduct;
import dev.atelier.codecs.catalog.ProductView;
import dev.atelier.codecs.orders.CancelOrder;
import dev.atelier.codecs.orders.GetOrder;
import dev.atelier.codecs.orders.ListOrders;
import dev.atelier.codecs.orders.OrderLineDraft;
import dev.atelier.codecs.orders.OrderPage;
import dev.atelier.codecs.orders.OrderPlaced;
import dev.atelier.codecs.orders.OrderView;
import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.codecs.orders.PlaceOrder;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.db.PageCursor;
import dev.atelier.runtime.messaging.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One method per OrdersApi address. Placing an order asks the catalog for current prices (ask now),
 * then stores the PENDING order and its {@code order.placed} in one transaction (tell durably); the
 * saga goes on in {@link SagaHandlers}. A placed order is keyed by its request: a replay of the same
 * Idempotency-Key finds the first order and emits nothing.
 */
final class OrdersHandlers {
  private final Pool pool;
  private final Downstream services;
  private final OrderRepository orders;
  private final OrderViewRepository views;
  private final Outbox outbox;
  private final OrdersConfig config;
  private final OrderPricing pricing;
  private final Clock clock;

  OrdersHandlers(Pool pool, Downstream services, OrderRepository orders, OrderViewRepository views, Outbox outbox,
                 OrdersConfig config, Clock clock) {
    this.pool = pool;
    this.services = services;
    this.orders = orders;
    this.views = views;
    this.outbox = outbox;
    this.config = config;
    this.pricing = new OrderPricing(config.currency());
    this.clock = clock;
  }

  Future<OrderView> place(PlaceOrder command) {
    return products(command).compose(products -> {
      var lines = pricing.price(command.draft(), products);
      Order order = Order.place(UUID.randomUUID(), command.customerId(), lines, config.currency(), now(), config.sagaDeadline());
      return pool.withTransaction(tx -> orders.insert(tx, order, command.requestKey()).compose(inserted -> inserted
          ? outbox.append(tx, OrdersApi.ORDER_PLACED, order.id(), new OrderPlaced(order.id(), order.customerId(),
              order.lines(), order.totalCents(), order.currency())).map(order.view())
          : orders.byRequest(tx, command.customerId(), command.requestKey()).map(found -> found.orElseThrow().view())));
    });
  }

  Future<OrderView> get(GetOrder query) {
    return orders.owned(pool, query.orderId(), query.customerId())
        .map(found -> found.orElseThrow(() -> notFound(query.orderId())).view());
  }

  Future<OrderPage> list(ListOrders query) {
    return views.page(pool, query.customerId(), query.status(), PageCursor.decode(query.cursor()), query.limit());
  }

  Future<OrderView> cancel(CancelOrder command) {
    return pool.withTransaction(tx -> orders.ownedForUpdate(tx, command.orderId(), command.customerId()).compose(found -> {
      Order order = found.orElseThrow(() -> notFound(command.orderId()));
      Order.Outcome outcome = order.cancelByCustomer(now());
      return SagaHandlers.apply(tx, orders, outbox, outcome, null).map(outcome.order().view());
    }));
  }

  /** Each distinct product of the draft as the catalog has it now; unknown ones are left out. */
  private Future<Map<UUID, ProductView>> products(PlaceOrder command) {
    Set<UUID> ids = new LinkedHashSet<>();
    for (OrderLineDraft line : command.draft().items()) {
      ids.add(line.productId());
    }
    List<UUID> wanted = new ArrayList<>(ids);
    List<Future<ProductView>> lookups = new ArrayList<>();
    for (UUID id : wanted) {
      lookups.add(services.call(CatalogApi.GET_PRODUCT, new GetProduct(id, true))
          .map(found -> found.product())
          .recover(e -> e instanceof Failure f && f.code() == FailureCode.NOT_FOUND
              ? Future.succeededFuture(null)
              : Future.failedFuture(e)));
    }
    return Future.all(lookups).map(all -> {
      Map<UUID, ProductView> found = new LinkedHashMap<>();
      for (int i = 0; i < wanted.size(); i++) {
        ProductView p = lookups.get(i).result();
        if (p != null) {
          found.put(wanted.get(i), p);
        }
      }
      return found;
    });
  }

  private Instant now() {
    // PostgreSQL keeps microseconds: an order read back must equal the one written
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static Failure notFound(UUID id) {
    return Failure.notFound("no order " + id);
  }
}
