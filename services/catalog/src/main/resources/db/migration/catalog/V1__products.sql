CREATE TABLE products (
  id            uuid PRIMARY KEY,
  merchant_id   uuid        NOT NULL,
  name          text        NOT NULL,
  description   text        NOT NULL DEFAULT '',
  price_cents   bigint      NOT NULL CHECK (price_cents >= 0),
  currency      char(3)     NOT NULL,
  tags          text[]      NOT NULL DEFAULT '{}',
  stock         integer     NOT NULL CHECK (stock >= 0),
  thumbnail_url text,
  -- bumped by every change; the cache refuses to store a version older than one it has seen
  version       bigint      NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- lists page newest first by (created_at, id), optionally per merchant or tag
CREATE INDEX products_newest ON products (created_at DESC, id DESC);
CREATE INDEX products_merchant_newest ON products (merchant_id, created_at DESC, id DESC);
CREATE INDEX products_tags ON products USING gin (tags);

CREATE TABLE variants (
  product_id  uuid    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  merchant_id uuid    NOT NULL,
  sku         text    NOT NULL,
  name        text    NOT NULL,
  price_cents bigint  NOT NULL CHECK (price_cents >= 0),
  stock       integer NOT NULL CHECK (stock >= 0),
  position    integer NOT NULL,
  PRIMARY KEY (product_id, sku),
  -- a SKU names one thing in a merchant's stock
  CONSTRAINT variants_merchant_sku UNIQUE (merchant_id, sku)
);

