package dev.atelier.runtime.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.ConcurrentMap;

/**
 * The only door to Vert.x internal API ({@code io.vertx.core.internal}), which may change in any
 * release: the event loop a context runs on (loop affinity) and the local data of a duplicated
 * context (correlation ids). {@code VertxInternalsTest} fails loudly when an upgrade changes them.
 */
// localContextData() is deprecated in favour of ContextLocal, but a ContextLocal must be registered
// before the first Vertx is built, which library code cannot guarantee; this map always exists.
@SuppressWarnings("removal")
public final class VertxInternals {
  private VertxInternals() {}

  /** The Netty event loop of the current event-loop context, or null off an event loop. */
  public static Object currentEventLoop() {
    Context ctx = Vertx.currentContext();
    return ctx instanceof ContextInternal internal && ctx.isEventLoopContext() ? internal.nettyEventLoop() : null;
  }

  /** Whether the calling thread is the event loop {@code context} runs on (any of its duplicates too). */
  public static boolean onEventLoopOf(Context context) {
    return ((ContextInternal) context).nettyEventLoop().inEventLoop();
  }

  /**
   * The local data of the current duplicated context (one per HTTP request or bus message), or
   * null on a shared context or off Vert.x threads, where per-request data must never be put.
   */
  public static ConcurrentMap<Object, Object> requestLocalData() {
    Context ctx = Vertx.currentContext();
    return ctx instanceof ContextInternal internal && internal.isDuplicate() ? internal.localContextData() : null;
  }

  /** A new duplicate of {@code context}: its own local data, the same event loop (one per consumed message). */
  public static Context duplicate(Context context) {
    return ((ContextInternal) context).duplicate();
  }
}
