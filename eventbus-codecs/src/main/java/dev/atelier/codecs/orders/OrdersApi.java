package dev.atelier.codecs.orders;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Topic;
import java.util.List;

/** What the orders service serves and emits. */
public final class OrdersApi {
  private OrdersApi() {}

  /** INVALID (an unknown product or variant, a price in another currency), UNAVAILABLE. Answers the PENDING order. */
  public static final Address<PlaceOrder, OrderView> PLACE_ORDER =
      Address.of("orders.order.place", PlaceOrder.class, OrderView.class);
  /** NOT_FOUND (also for another customer's order), UNAVAILABLE. Read from the write side. */
  public static final Address<GetOrder, OrderView> GET_ORDER =
      Address.of("orders.order.get", GetOrder.class, OrderView.class);
  /** INVALID (a bad cursor), UNAVAILABLE. Read from the read model. */
  public static final Address<ListOrders, OrderPage> LIST_ORDERS =
      Address.of("orders.order.list", ListOrders.class, OrderPage.class);
  /** NOT_FOUND, CONFLICT (already CONFIRMED or CANCELLED), UNAVAILABLE. */
  public static final Address<CancelOrder, OrderView> CANCEL_ORDER =
      Address.of("orders.order.cancel", CancelOrder.class, OrderView.class);

  public static final Topic<OrderPlaced> ORDER_PLACED = Topic.of("order.placed", OrderPlaced.class);
  public static final Topic<OrderConfirmed> ORDER_CONFIRMED = Topic.of("order.confirmed", OrderConfirmed.class);
  public static final Topic<OrderCancelled> ORDER_CANCELLED = Topic.of("order.cancelled", OrderCancelled.class);

  public static final List<Address<?, ?>> ADDRESSES = List.of(PLACE_ORDER, GET_ORDER, LIST_ORDERS, CANCEL_ORDER);
  public static final List<Topic<?>> TOPICS = List.of(ORDER_PLACED, ORDER_CONFIRMED, ORDER_CANCELLED);
}
