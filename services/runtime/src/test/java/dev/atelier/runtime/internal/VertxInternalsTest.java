package dev.atelier.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.runtime.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** If a Vert.x upgrade changes the internal API we lean on, this fails first and says what broke. */
class VertxInternalsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  @Test
  @DisplayName("an event-loop context names its loop, which only its own thread is on; a plain thread has none")
  void eventLoops() {
    assertThat(VertxInternals.currentEventLoop()).isNull();
    Context ctx = vertx.getOrCreateContext();
    Object loop = Await.result(onContext(ctx, VertxInternals::currentEventLoop));
    assertThat(loop).isInstanceOf(io.netty.channel.EventLoop.class);
    assertThat(Await.result(onContext(ctx, () -> VertxInternals.onEventLoopOf(ctx)))).isTrue();
    assertThat(VertxInternals.onEventLoopOf(ctx)).isFalse();
  }

  @Test
  @DisplayName("request-local data exists on a duplicated context only, and is not shared with the root")
  void requestLocalData() {
    Context root = vertx.getOrCreateContext();
    assertThat(Await.result(onContext(root, () -> VertxInternals.requestLocalData() == null))).isTrue();
    Context duplicate = Await.result(onContext(root, () -> io.vertx.core.internal.ContextInternal.current().duplicate()));
    Map<Object, Object> seen = Await.result(onContext(duplicate, () -> {
      Map<Object, Object> local = VertxInternals.requestLocalData();
      local.put("k", "v");
      return local;
    }));
    assertThat(seen).containsEntry("k", "v");
    Context another = Await.result(onContext(root, () -> io.vertx.core.internal.ContextInternal.current().duplicate()));
    assertThat(Await.result(onContext(another, () -> VertxInternals.requestLocalData().containsKey("k")))).isFalse();
  }

  private static <T> Future<T> onContext(Context ctx, java.util.function.Supplier<T> work) {
    Promise<T> p = Promise.promise();
    ctx.runOnContext(v -> {
      try {
        p.complete(work.get());
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }
}
