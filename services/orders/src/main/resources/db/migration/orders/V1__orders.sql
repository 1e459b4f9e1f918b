-- The write side: one row per order, holding its saga state. The stock and payment steps run in
-- parallel; the order is decided (CONFIRMED or CANCELLED) here, once, with the event that says so.
CREATE TABLE orders (
  id            uuid        PRIMARY KEY,
  customer_id   uuid        NOT NULL,
  -- the request's Idempotency-Key: a replay finds the first order instead of placing a second
  request_key   text,
  status        text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
  cancel_reason text        CHECK (cancel_reason IN ('out_of_stock', 'insufficient_funds', 'cancelled_by_customer', 'timed_out')),
  stock_step    text        NOT NULL CHECK (stock_step IN ('PENDING', 'DONE', 'FAILED')),
  payment_step  text        NOT NULL CHECK (payment_step IN ('PENDING', 'DONE', 'FAILED')),
  lines         jsonb       NOT NULL,
  total_cents   bigint      NOT NULL CHECK (total_cents >= 0),
  currency      text        NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  deadline      timestamptz NOT NULL,
  CONSTRAINT orders_reason_iff_cancelled CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL)),
  CONSTRAINT orders_request_key UNIQUE (customer_id, request_key)
);
-- the sweeper's question: which PENDING orders are past their deadline
CREATE INDEX orders_pending_deadline ON orders (deadline) WHERE status = 'PENDING';

-- The read side (CQRS): what GET /api/orders lists, kept current from the order.* events.
CREATE TABLE order_views (
  id            uuid        PRIMARY KEY,
  customer_id   uuid        NOT NULL,
  status        text        NOT NULL,
  cancel_reason text,
  lines         jsonb       NOT NULL,
  total_cents   bigint      NOT NULL,
  currency      text        NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX order_views_customer ON order_views (customer_id, created_at DESC, id DESC);
CREATE INDEX order_views_customer_status ON order_views (customer_id, status, created_at DESC, id DESC);
