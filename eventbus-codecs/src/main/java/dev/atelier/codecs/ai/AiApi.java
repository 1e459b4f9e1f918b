package dev.atelier.codecs.ai;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.Broadcast;
import dev.atelier.codecs.Topic;
import java.util.List;

/** What the AI service serves and emits. */
public final class AiApi {
  private AiApi() {}

  /** INVALID, NOT_FOUND (not a product the index knows), UNAVAILABLE. Never waits on the remote model past its timeout. */
  public static final Address<GetRecommendations, Recommendations> GET_RECOMMENDATIONS =
      Address.of("ai.recommendations.get", GetRecommendations.class, Recommendations.class);
  /** INVALID, NOT_FOUND (no such product, or another merchant's), UNAVAILABLE. */
  public static final Address<RequestGeneration, GenerationView> REQUEST_GENERATION =
      Address.of("ai.generation.request", RequestGeneration.class, GenerationView.class);
  /** NOT_FOUND (also another merchant's job), UNAVAILABLE. */
  public static final Address<GetGeneration, GenerationView> GET_GENERATION =
      Address.of("ai.generation.get", GetGeneration.class, GenerationView.class);
  /** NOT_FOUND (also another merchant's job), CONFLICT (the job has not succeeded), UNAVAILABLE. */
  public static final Address<GetGeneration, GenerationImage> GET_GENERATION_RESULT =
      Address.of("ai.generation.result", GetGeneration.class, GenerationImage.class);

  public static final Topic<GenerationRequested> GENERATION_REQUESTED =
      Topic.of("ai.generation.requested", GenerationRequested.class);
  public static final Topic<GenerationProgressed> GENERATION_PROGRESS =
      Topic.of("ai.generation.progress", GenerationProgressed.class);
  public static final Topic<GenerationCompleted> GENERATION_COMPLETED =
      Topic.of("ai.generation.completed", GenerationCompleted.class);
  public static final Topic<GenerationFailed> GENERATION_FAILED =
      Topic.of("ai.generation.failed", GenerationFailed.class);

  /** After a commit to the AI service's product copy: each node's index reads the changes (its poll covers a lost one). */
  public static final Broadcast<ProductsChanged> PRODUCTS_CHANGED = Broadcast.of("ai.products.changed", ProductsChanged.class);

  public static final List<Address<?, ?>> ADDRESSES =
      List.of(GET_RECOMMENDATIONS, REQUEST_GENERATION, GET_GENERATION, GET_GENERATION_RESULT);
  public static final List<Topic<?>> TOPICS =
      List.of(GENERATION_REQUESTED, GENERATION_PROGRESS, GENERATION_COMPLETED, GENERATION_FAILED);
}
