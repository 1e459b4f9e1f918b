package dev.atelier.codecs.ops;

import java.util.UUID;

/** One parked message, by its id in the dead-letter store. */
public record DeadLetterRef(UUID id) {}
