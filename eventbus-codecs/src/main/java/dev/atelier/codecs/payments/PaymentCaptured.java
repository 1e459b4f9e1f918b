package dev.atelier.codecs.payments;

import java.util.UUID;

/** payment.captured: the held funds are the seller's now (the order was confirmed). */
public record PaymentCaptured(UUID orderId, UUID holdId, UUID customerId, long amountCents, String currency) {}
