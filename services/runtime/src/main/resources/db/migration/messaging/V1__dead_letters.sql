-- Schema messaging: messages that failed all their retries, parked by each service's consumer
-- from its dead-letter queue so operators can list, replay or discard them by id.
CREATE TABLE dead_letters (
  id             uuid PRIMARY KEY,          -- the x-dead-letter-id header: parking a redelivery twice is a no-op
  queue          text        NOT NULL,      -- the work queue it failed on, and where a replay sends it
  routing_key    text        NOT NULL,
  type           text,
  message_id     text,
  correlation_id text,
  attempts       integer     NOT NULL,
  last_error     text,
  headers        jsonb       NOT NULL,
  body           bytea       NOT NULL,
  parked_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX dead_letters_parked ON dead_letters (parked_at, id);
