package dev.atelier.codecs.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operations service's contract for discovery: OpsApi plus one sample of each record. */
public final class OpsContract implements ServiceContract {
  private static final UUID LETTER = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

  @Override
  public String service() {
    return "ops";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return OpsApi.ADDRESSES;
  }

  @Override
  public List<Topic<?>> topics() {
    return OpsApi.TOPICS;
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var payload = JsonNodeFactory.instance.objectNode().put("id", "7d444840-9dc0-11d1-b245-5ffdce74fad2")
        .put("type", "product.created");
    var view = new DeadLetterView(LETTER, "search.events", "product.created", "product.created",
        "7d444840-9dc0-11d1-b245-5ffdce74fad2", "c0ffee0123456789", 4, "IllegalStateException: index closed", payload,
        Instant.parse("2026-12-02T10:15:30.5Z"));
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(ListDeadLetters.class, new ListDeadLetters("search.events", 20, null));
    samples.put(DeadLetterPage.class, new DeadLetterPage(List.of(view), "MTc2NDY3MDUzMC41MDAwMDAwMDAuMGY4ZmFkNWI"));
    samples.put(DeadLetterRef.class, new DeadLetterRef(LETTER));
    samples.put(DeadLetterView.class, view);
    return samples;
  }
}
