-- The catalog as the AI service knows it: a copy kept from product.* events (and a backfill from
-- the catalog's API at start-up), so the similarity index is rebuilt from the service's own table
-- and never reads another service's. Deleted products stay as tombstones, so a late product.updated
-- cannot bring them back, and so each node's index sees the deletion when it polls for changes.
CREATE TABLE products (
  id          uuid PRIMARY KEY,
  merchant_id uuid        NOT NULL,
  name        text        NOT NULL DEFAULT '',
  description text        NOT NULL DEFAULT '',
  tags        text[]      NOT NULL DEFAULT '{}',
  price_cents bigint      NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
  currency    text        NOT NULL DEFAULT '',
  version     bigint      NOT NULL DEFAULT 0,
  deleted     boolean     NOT NULL DEFAULT false,
  changed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX products_changed_at ON products (changed_at);

-- Generation jobs. The product's card data is copied in when the job is accepted: the worker
-- renders what the merchant saw, whatever happens to the product later. (merchant_id, request_key)
-- names one job per Idempotency-Key even if the edge's record of the key is lost.
CREATE TABLE generation_jobs (
  id           uuid PRIMARY KEY,
  merchant_id  uuid        NOT NULL,
  request_key  text,
  product_id   uuid        NOT NULL,
  kind         text        NOT NULL CHECK (kind IN ('image')),
  prompt       text,
  width        integer     NOT NULL CHECK (width BETWEEN 64 AND 2048),
  height       integer     NOT NULL CHECK (height BETWEEN 64 AND 2048),
  product_name text        NOT NULL,
  price_cents  bigint      NOT NULL,
  currency     text        NOT NULL,
  tags         text[]      NOT NULL DEFAULT '{}',
  status       text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  progress     integer     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  error        text,
  result_key   text,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (merchant_id, request_key),
  CHECK ((status = 'succeeded') = (result_key IS NOT NULL))
);
CREATE INDEX generation_jobs_by_merchant ON generation_jobs (merchant_id, created_at DESC, id DESC);
