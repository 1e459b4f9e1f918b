package dev.atelier.codecs.platform;

import dev.atelier.codecs.Address;
import dev.atelier.codecs.ServiceContract;
import dev.atelier.codecs.Topic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records every service shares: the readiness ping. */
public final class PlatformContract implements ServiceContract {
  @Override
  public String service() {
    return "platform";
  }

  @Override
  public List<Address<?, ?>> addresses() {
    return List.of();
  }

  @Override
  public List<Topic<?>> topics() {
    return List.of();
  }

  @Override
  public List<Class<?>> otherTypes() {
    return List.of(ReadinessCheck.class, ReadinessReport.class);
  }

  @Override
  public Map<Class<?>, Object> samples() {
    var samples = new LinkedHashMap<Class<?>, Object>();
    samples.put(ReadinessCheck.class, new ReadinessCheck("gateway"));
    samples.put(ReadinessReport.class, new ReadinessReport("catalog", "redis"));
    return samples;
  }
}
