package dev.atelier.runtime.ops;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %cid} in the logback pattern: the correlation id of the request being logged, or "-". */
public final class CorrelationConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    String id = Correlation.current();
    return id == null ? "-" : id;
  }
}
