-- The messaging tables every service schema holds, defined once (Migrations.runService applies
-- them to each service's schema, with a history table of their own).

-- Events written in the transaction of the change they describe; OutboxRelay publishes them.
-- IF NOT EXISTS: schemas created before this file existed defined the same table themselves.
CREATE TABLE IF NOT EXISTS outbox (
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
CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (occurred_at) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Messages a consumer has processed, written in the transaction of the handler's effect: a
-- redelivered message finds its row and has no second effect.
CREATE TABLE inbox (
  queue        text        NOT NULL,
  message_id   uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (queue, message_id)
);
CREATE INDEX inbox_processed_at ON inbox (processed_at);
