package dev.atelier.codecs;

import java.util.Objects;

/**
 * A fact published on the event bus to every subscriber of every node, at once and without
 * durability: for what each node must hear quickly but can also recover by asking (a revoked
 * session). Durable facts go through the outbox and RabbitMQ ({@link Topic}).
 */
public record Broadcast<E>(String address, Class<E> type) {
  public Broadcast {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    if (!address.matches("[a-z]+(\\.[a-z][a-zA-Z]*)+")) {
      throw new IllegalArgumentException("broadcast address must read <area>.<noun>.<past tense>: " + address);
    }
  }

  public static <E> Broadcast<E> of(String address, Class<E> type) {
    return new Broadcast<>(address, type);
  }
}
