-- Invariants of the catalog schema: each query returns the rows that break one (none when it holds).

-- name: products-stock-never-negative
SELECT id, stock FROM catalog.products WHERE stock < 0;

-- name: variants-stock-never-negative
SELECT product_id, sku, stock FROM catalog.variants WHERE stock < 0;

-- name: reservation-lines-well-formed
-- the release path reads these lines back: each names a product and a positive quantity
SELECT r.order_id, l.line
FROM catalog.reservations r, jsonb_array_elements(r.lines) AS l(line)
WHERE jsonb_typeof(l.line -> 'productId') IS DISTINCT FROM 'string'
   OR CASE WHEN jsonb_typeof(l.line -> 'quantity') = 'number' THEN (l.line ->> 'quantity')::numeric < 1 ELSE true END;

-- name: rejected-line-is-one-of-the-lines
-- a rejection names the line that was short, and that line is one the order asked for
SELECT r.order_id, r.rejected_product_id, r.rejected_variant_sku FROM catalog.reservations r
WHERE r.status = 'REJECTED' AND NOT EXISTS (
  SELECT 1 FROM jsonb_array_elements(r.lines) AS l(line)
  WHERE l.line ->> 'productId' = r.rejected_product_id::text
    AND (l.line ->> 'variantSku') IS NOT DISTINCT FROM r.rejected_variant_sku);
