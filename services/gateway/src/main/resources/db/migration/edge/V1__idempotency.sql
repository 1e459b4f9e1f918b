-- One row per (user, Idempotency-Key): the claim while its first request runs, then that request's
-- response, replayed to every repeat until expires_at. Keys are per user: two users' equal keys are two rows.
CREATE TABLE idempotency_keys (
  user_id     uuid        NOT NULL,
  idem_key    text        NOT NULL,
  -- SHA-256 (hex) of method, path and body: a repeat with another body is refused, and no body is kept
  fingerprint text        NOT NULL,
  state       text        NOT NULL CHECK (state IN ('in_flight', 'done')),
  -- who holds the claim: after a takeover the old holder's complete or release matches no row
  claim_token uuid        NOT NULL,
  claimed_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  status      int,
  headers     jsonb,
  body        bytea,
  PRIMARY KEY (user_id, idem_key),
  CHECK (state = 'in_flight' OR (status IS NOT NULL AND headers IS NOT NULL AND body IS NOT NULL))
);

-- the cleanup deletes by age in batches
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
