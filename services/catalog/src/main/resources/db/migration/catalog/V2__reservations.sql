-- The catalog's side of the order saga: one row per order it was told about, holding what it took
-- from stock (products.stock and variants.stock carry CHECK (stock >= 0) since V1, so stock never
-- goes negative whatever a statement does).
CREATE TABLE reservations (
  order_id             uuid        PRIMARY KEY,
  -- RELEASED with no lines is a tombstone: order.cancelled came first, and a late order.placed takes nothing
  status               text        NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED')),
  -- [{productId, variantSku, quantity}]: the order's lines merged per product and SKU, in lock order;
  -- what was taken (RESERVED, COMMITTED), given back (RELEASED) or asked for (REJECTED)
  lines                jsonb       NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
  -- the line that could not be taken: no such product or variant, or too little stock
  rejected_product_id  uuid,
  rejected_variant_sku text,
  created_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT reservations_rejected_names_a_line
    CHECK ((status = 'REJECTED') = (rejected_product_id IS NOT NULL) AND (rejected_variant_sku IS NULL OR rejected_product_id IS NOT NULL))
);
