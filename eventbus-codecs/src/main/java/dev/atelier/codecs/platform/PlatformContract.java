package dev.atelier.codecs.platform;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.UUID;

/** Records every service shares: the readiness ping, session revocations for the edge, the event envelope. */
public final class PlatformContract implements ServiceContract {
  @Override
  public String service() {
    return "platform";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return List.of(Identity.LIST_REVOKED_SESSIONS);
  }

  @Override
  public List<Topic<?>> topics() {
    return List.of();
  }

  @Override
  public List<Class<?>> otherTypes() {
    return List.of(ReadinessCheck.class, ReadinessReport.class, Identity.SESSIONS_REVOKED.type(), EventEnvelope.class);
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(ReadinessCheck.class, new ReadinessCheck("gateway"));
    samples.put(ReadinessReport.class, new ReadinessReport("catalog", "redis"));
    Instant at = Instant.parse("2026-12-02T10:15:30Z");
    samples.put(ListRevokedSessions.class, new ListRevokedSessions(at));
    samples.put(SessionsRevoked.class, new SessionsRevoked(List.of(UUID.fromString("7d1c0b9e-3f7a-4c2e-9a51-2b6f0c8e4d13")), at));
    var payload = dev.atelier.codecs.ContractJson.mapper().createObjectNode()
        .put("productId", "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f").put("name", "Linen shirt");
    samples.put(EventEnvelope.class, new EventEnvelope(UUID.fromString("5f0c2a9e-1b7d-4e3a-8c6f-9d2e4b1a7c30"),
        "product.updated", 1, Instant.parse("2026-12-02T10:15:30.123456Z"), "req-4f2a9c", "5f0c2a9e-0000-4e3a-8c6f-9d2e4b1a7c2f",
        UUID.fromString("0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f"), payload));
    return samples;
  }
}
