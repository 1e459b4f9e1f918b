package dev.atelier.codecs.orders;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The orders service's contract for discovery: OrdersApi plus one sample of each record. */
public final class OrdersContract implements ServiceContract {
  private static final UUID ORDER = UUID.fromString("5f0c7f4e-6a1d-4c43-9f5e-2b1d6f1e8a01");
  private static final UUID CUSTOMER = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final UUID PRODUCT = UUID.fromString("3d6f0a52-0c4e-4f39-8b8e-6c1f1d2e9b10");
  private static final Instant AT = Instant.parse("2026-12-02T10:15:30.123456Z");

  @Override
  public String service() {
    return "orders";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return OrdersApi.ADDRESSES;
  }

  @Override
  public List<Topic<?>> topics() {
    return OrdersApi.TOPICS;
  }

  @Override
  public List<Class<?>> otherTypes() {
    return List.of(OrderDraft.class, OrderLineDraft.class);
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var line = new OrderLine(PRODUCT, "DESK-WAL-160", 2, 49_900);
    var view = new OrderView(ORDER, CUSTOMER, OrderStatus.CANCELLED, CancelReason.OUT_OF_STOCK, List.of(line), 99_800,
        "EUR", AT, AT);
    var draft = new OrderDraft(List.of(new OrderLineDraft(PRODUCT, "DESK-WAL-160", 2)));
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(OrderLineDraft.class, draft.items().get(0));
    samples.put(OrderDraft.class, draft);
    samples.put(PlaceOrder.class, new PlaceOrder(CUSTOMER, "order-2026-12-02-0001", draft));
    samples.put(OrderView.class, view);
    samples.put(GetOrder.class, new GetOrder(ORDER, CUSTOMER));
    samples.put(ListOrders.class, new ListOrders(CUSTOMER, OrderStatus.PENDING, 20, null));
    samples.put(OrderPage.class, new OrderPage(List.of(view), "b64cursor"));
    samples.put(CancelOrder.class, new CancelOrder(ORDER, CUSTOMER));
    samples.put(OrderPlaced.class, new OrderPlaced(ORDER, CUSTOMER, List.of(line), 99_800, "EUR"));
    samples.put(OrderConfirmed.class, new OrderConfirmed(ORDER, CUSTOMER, 99_800, "EUR"));
    samples.put(OrderCancelled.class, new OrderCancelled(ORDER, CUSTOMER, CancelReason.OUT_OF_STOCK));
    return samples;
  }
}
