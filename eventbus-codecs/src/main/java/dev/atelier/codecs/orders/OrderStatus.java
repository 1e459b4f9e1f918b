package dev.atelier.codecs.orders;

/** Where an order stands; CONFIRMED and CANCELLED are final. */
public enum OrderStatus {
  PENDING, CONFIRMED, CANCELLED;

  public boolean isFinal() {
    return this != PENDING;
  }
}
