package dev.atelier.codecs.payments;

import java.util.UUID;

/** payment.released: the held funds are back in the customer's balance (the order was cancelled). */
public record PaymentReleased(UUID orderId, UUID holdId, UUID customerId, long amountCents, String currency) {}
