package dev.atelier.runtime.auth;

import dev.atelier.runtime.http.Caller;
import java.time.Instant;
import java.util.UUID;

/** What a verified access token says: who calls, in which session, which token, until when. */
public record VerifiedToken(Caller caller, UUID sessionId, String tokenId, Instant expiresAt) {}
