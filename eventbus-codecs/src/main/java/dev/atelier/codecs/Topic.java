package dev.atelier.codecs;

import java.util.Objects;

/** A domain event type ("product.updated") and the record that carries it. */
public record Topic<E>(String type, Class<E> eventType) {
  public Topic {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(eventType, "eventType");
    if (!type.matches("[a-z]+(\\.[a-z]+)+")) {
      throw new IllegalArgumentException("event type must read <noun>.<past tense>: " + type);
    }
  }

  public static <E> Topic<E> of(String type, Class<E> eventType) {
    return new Topic<>(type, eventType);
  }
}
