package dev.atelier.codecs.payments;

import java.util.UUID;

/** payment.held: the order's total is taken from the customer's balance and held in escrow. */
public record PaymentHeld(UUID orderId, UUID holdId, UUID customerId, long amountCents, String currency) {}
