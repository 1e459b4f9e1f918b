package dev.atelier.codecs.ai;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The AI service's contract for discovery: AiApi plus one sample of each record. */
public final class AiContract implements ServiceContract {
  private static final UUID MERCHANT = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final UUID PRODUCT = UUID.fromString("3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
  private static final UUID OTHER = UUID.fromString("8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a");
  private static final UUID JOB = UUID.fromString("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");
  private static final Instant AT = Instant.parse("2026-12-02T10:15:30.123456Z");

  @Override
  public String service() {
    return "ai";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return AiApi.ADDRESSES;
  }

  @Override
  public List<Topic<?>> topics() {
    return AiApi.TOPICS;
  }

  @Override
  public List<Class<?>> otherTypes() {
    return List.of(Recommendation.class, GenerationDraft.class, GenerationOptions.class, ProductsChanged.class);
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var draft = new GenerationDraft(PRODUCT, GenerationDraft.IMAGE, "on warm oak, morning light", new GenerationOptions(800, 600));
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(GetRecommendations.class, new GetRecommendations(PRODUCT, 10));
    samples.put(Recommendation.class, new Recommendation(OTHER, 0.8125));
    samples.put(Recommendations.class, new Recommendations(List.of(new Recommendation(OTHER, 0.8125)), Recommendations.MODEL));
    samples.put(GenerationOptions.class, new GenerationOptions(800, 600));
    samples.put(GenerationDraft.class, draft);
    samples.put(RequestGeneration.class, new RequestGeneration(MERCHANT, "gen-2026-12-02-1", draft));
    samples.put(GetGeneration.class, new GetGeneration(JOB, MERCHANT));
    samples.put(GenerationView.class, new GenerationView(JOB, PRODUCT, GenerationDraft.IMAGE, GenerationStatus.SUCCEEDED,
        100, null, "/api/ai/generations/" + JOB + "/result", AT, AT));
    samples.put(GenerationImage.class, new GenerationImage("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    samples.put(GenerationRequested.class, new GenerationRequested(JOB, MERCHANT, PRODUCT, GenerationDraft.IMAGE));
    samples.put(GenerationProgressed.class, new GenerationProgressed(JOB, MERCHANT, PRODUCT, GenerationStatus.RUNNING, 40));
    samples.put(GenerationCompleted.class, new GenerationCompleted(JOB, MERCHANT, PRODUCT, "/api/ai/generations/" + JOB + "/result"));
    samples.put(GenerationFailed.class, new GenerationFailed(JOB, MERCHANT, PRODUCT, "model answered 500", 4));
    samples.put(ProductsChanged.class, new ProductsChanged(PRODUCT));
    return samples;
  }
}
