package dev.atelier.codecs.payments;

import java.util.UUID;

/** payment.failed: the funds could not be held; {@code reason} is {@code insufficient_funds}. Nothing moved. */
public record PaymentFailed(UUID orderId, UUID customerId, long amountCents, String reason) {
  public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
}
