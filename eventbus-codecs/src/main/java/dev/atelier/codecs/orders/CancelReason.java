package dev.atelier.codecs.orders;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an order was cancelled; reads in lower case on the wire ({@code out_of_stock}). */
public enum CancelReason {
  OUT_OF_STOCK, INSUFFICIENT_FUNDS, CANCELLED_BY_CUSTOMER, TIMED_OUT;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static CancelReason fromWire(String value) {
    for (CancelReason r : values()) {
      if (r.wire().equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown cancel reason " + value);
  }
}
