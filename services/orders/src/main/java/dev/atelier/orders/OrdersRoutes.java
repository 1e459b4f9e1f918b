package dev.atelier.orders;

import dev.atelier.codecs.orders.CancelOrder;
import dev.atelier.codecs.orders.GetOrder;
import dev.atelier.codecs.orders.ListOrders;
import dev.atelier.codecs.orders.OrderDraft;
import dev.atelier.codecs.orders.OrderStatus;
import dev.atelier.codecs.orders.OrdersApi;
import dev.atelier.codecs.orders.PlaceOrder;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Future;
import java.util.List;

/** /api/orders: the orders service's rows of the gateway's route table; customers only, their own orders. */
final class OrdersRoutes {
  private final Downstream services;

  OrdersRoutes(Downstream services) {
    this.services = services;
  }

  List<ApiRoute> table() {
    return List.of(
        ApiRoute.post("/api/orders", "placeOrder").roles(Role.CUSTOMER).body(OrderDraft.class).idempotent()
            .handle(this::place),
        ApiRoute.get("/api/orders", "listOrders").roles(Role.CUSTOMER).handle(this::list),
        ApiRoute.get("/api/orders/:id", "getOrder").roles(Role.CUSTOMER).handle(this::get),
        ApiRoute.post("/api/orders/:id/cancel", "cancelOrder").roles(Role.CUSTOMER).handle(this::cancel));
  }

  private Future<ApiReply> place(ApiRequest req) {
    var command = new PlaceOrder(req.caller().userId(), req.header("Idempotency-Key"), req.body(OrderDraft.class));
    return services.call(OrdersApi.PLACE_ORDER, command)
        .map(order -> ApiReply.accepted("/api/orders/" + order.id(), order));
  }

  private Future<ApiReply> get(ApiRequest req) {
    return services.call(OrdersApi.GET_ORDER, new GetOrder(req.pathUuid("id"), req.caller().userId())).map(ApiReply::ok);
  }

  private Future<ApiReply> list(ApiRequest req) {
    var query = new ListOrders(req.caller().userId(), status(req.query("status")),
        req.queryInt("limit", ListOrders.DEFAULT_LIMIT, 1, ListOrders.MAX_LIMIT), req.query("cursor"));
    return services.call(OrdersApi.LIST_ORDERS, query).map(ApiReply::ok);
  }

  private Future<ApiReply> cancel(ApiRequest req) {
    return services.call(OrdersApi.CANCEL_ORDER, new CancelOrder(req.pathUuid("id"), req.caller().userId()))
        .map(order -> ApiReply.status(202, order));
  }

  private static OrderStatus status(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OrderStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw Failure.invalid("status", "must be PENDING, CONFIRMED or CANCELLED");
    }
  }
}
