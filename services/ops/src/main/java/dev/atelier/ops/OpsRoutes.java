package dev.atelier.ops;

import dev.atelier.codecs.ops.DeadLetterRef;
import dev.atelier.codecs.ops.ListDeadLetters;
import dev.atelier.codecs.ops.OpsApi;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Future;
import java.util.List;

/** /api/admin/dead-letters: operations' rows of the gateway's route table, admins only. */
final class OpsRoutes {
  private final Downstream services;

  OpsRoutes(Downstream services) {
    this.services = services;
  }

  List<ApiRoute> table() {
    return List.of(
        ApiRoute.get("/api/admin/dead-letters", "listDeadLetters").roles(Role.ADMIN).handle(this::list),
        ApiRoute.post("/api/admin/dead-letters/:id/replay", "replayDeadLetter").roles(Role.ADMIN).handle(this::replay),
        ApiRoute.delete("/api/admin/dead-letters/:id", "discardDeadLetter").roles(Role.ADMIN).handle(this::discard));
  }

  private Future<ApiReply> list(ApiRequest req) {
    var query = new ListDeadLetters(req.query("queue"),
        req.queryInt("limit", ListDeadLetters.DEFAULT_LIMIT, 1, ListDeadLetters.MAX_LIMIT), req.query("cursor"));
    return services.call(OpsApi.LIST_DEAD_LETTERS, query).map(ApiReply::ok);
  }

  private Future<ApiReply> replay(ApiRequest req) {
    return services.call(OpsApi.REPLAY_DEAD_LETTER, new DeadLetterRef(req.pathUuid("id")))
        .map(view -> ApiReply.status(202, view));
  }

  private Future<ApiReply> discard(ApiRequest req) {
    return services.call(OpsApi.DISCARD_DEAD_LETTER, new DeadLetterRef(req.pathUuid("id"))).map(ref -> ApiReply.noContent());
  }
}
