package dev.atelier.codecs.platform;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.UUID;

/** Records every service shares: the readiness ping, and session revocations for the edge. */
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
    return List.of(ReadinessCheck.class, ReadinessReport.class, Identity.SESSIONS_REVOKED.type());
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(ReadinessCheck.class, new ReadinessCheck("gateway"));
    samples.put(ReadinessReport.class, new ReadinessReport("catalog", "redis"));
    Instant at = Instant.parse("2026-12-02T10:15:30Z");
    samples.put(ListRevokedSessions.class, new ListRevokedSessions(at));
    samples.put(SessionsRevoked.class, new SessionsRevoked(List.of(UUID.fromString("7d1c0b9e-3f7a-4c2e-9a51-2b6f0c8e4d13")), at));
    return samples;
  }
}
