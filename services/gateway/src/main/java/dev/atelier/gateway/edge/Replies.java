package dev.atelier.gateway.edge;

import dev.atelier.codecs.ContractJson;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** Writes JSON answers; a failed future goes to the router's failure handler (Problems). */
public final class Replies {
  private Replies() {}

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(ContractJson.toBytes(body)));
  }

  /** Sends JSON that is already encoded, such as a cached product document. */
  public static void rawJson(RoutingContext ctx, int status, byte[] json) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(json));
  }

  public static <T> void when(RoutingContext ctx, Future<T> result, Consumer<T> onSuccess) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        onSuccess.accept(ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }
}
