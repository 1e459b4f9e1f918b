-- OutboxRelayIT's schema: the outbox exactly as the services define it (catalog and users V1)
CREATE TABLE outbox (
  id             uuid PRIMARY KEY,
  type           text        NOT NULL,
  version        integer     NOT NULL,
  aggregate_id   uuid        NOT NULL,
  correlation_id text,
  causation_id   text,
  payload        jsonb       NOT NULL,
  occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  published_at   timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (occurred_at) WHERE published_at IS NULL;
