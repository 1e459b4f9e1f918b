-- scripts/bench/events (EventsBench): one row per consumer effect, written in the handler's
-- transaction beside the inbox row. occurred_at is the outbox row's (PostgreSQL clock at the
-- writer's INSERT, before its commit); effect_at is the PostgreSQL clock at the effect's INSERT.
-- No unique key: a second effect of one event would show as a second row.
CREATE TABLE effects (
  event_id    uuid        NOT NULL,
  phase       text        NOT NULL,
  seq         bigint      NOT NULL,
  occurred_at timestamptz NOT NULL,
  effect_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
