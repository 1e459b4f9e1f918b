package dev.atelier.ai;

import dev.atelier.codecs.ai.AiApi;
import dev.atelier.codecs.ai.GenerationDraft;
import dev.atelier.codecs.ai.GetGeneration;
import dev.atelier.codecs.ai.GetRecommendations;
import dev.atelier.codecs.ai.RequestGeneration;
import dev.atelier.codecs.users.Role;
import dev.atelier.runtime.bus.Downstream;
import dev.atelier.runtime.http.ApiReply;
import dev.atelier.runtime.http.ApiRequest;
import dev.atelier.runtime.http.ApiRoute;
import io.vertx.core.Future;
import java.util.List;

/** The AI service's rows of the gateway's route table: recommendations (public) and a merchant's generation jobs. */
final class AiRoutes {
  private final Downstream services;

  AiRoutes(Downstream services) {
    this.services = services;
  }

  List<ApiRoute> table() {
    return List.of(
        ApiRoute.get("/api/products/:id/recommendations", "getRecommendations").handle(this::recommendations),
        ApiRoute.post("/api/ai/generations", "requestGeneration").roles(Role.MERCHANT).body(GenerationDraft.class)
            .idempotent().handle(this::request),
        ApiRoute.get("/api/ai/generations/:id", "getGeneration").roles(Role.MERCHANT).handle(this::get),
        ApiRoute.get("/api/ai/generations/:id/result", "getGenerationResult").roles(Role.MERCHANT).handle(this::result));
  }

  private Future<ApiReply> recommendations(ApiRequest req) {
    var query = new GetRecommendations(req.pathUuid("id"),
        req.queryInt("limit", GetRecommendations.DEFAULT_LIMIT, 1, GetRecommendations.MAX_LIMIT));
    return services.call(AiApi.GET_RECOMMENDATIONS, query).map(ApiReply::ok);
  }

  private Future<ApiReply> request(ApiRequest req) {
    var command = new RequestGeneration(req.caller().userId(), req.header("Idempotency-Key"), req.body(GenerationDraft.class));
    return services.call(AiApi.REQUEST_GENERATION, command)
        .map(job -> ApiReply.accepted("/api/ai/generations/" + job.id(), job));
  }

  private Future<ApiReply> get(ApiRequest req) {
    return services.call(AiApi.GET_GENERATION, new GetGeneration(req.pathUuid("id"), req.caller().userId())).map(ApiReply::ok);
  }

  // a result never changes once it exists: the owner's browser may keep it
  private Future<ApiReply> result(ApiRequest req) {
    return services.call(AiApi.GET_GENERATION_RESULT, new GetGeneration(req.pathUuid("id"), req.caller().userId()))
        .map(image -> ApiReply.bytes(200, image.contentType(), image.bytes()).header("Cache-Control", "private, max-age=86400"));
  }
}
