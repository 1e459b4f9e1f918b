-- The order saga's invariants across services, for a quiet platform (no saga in flight): each
-- query returns the rows that break its rule; none means it holds. Read-only, by an operator's tool:
-- no service reads another's tables.

-- name: every CONFIRMED order has a CAPTURED hold
SELECT o.id AS order_id, h.status AS hold_status
FROM orders.orders o LEFT JOIN payments.holds h ON h.order_id = o.id
WHERE o.status = 'CONFIRMED' AND h.status IS DISTINCT FROM 'CAPTURED';

-- name: every CONFIRMED order has its stock taken
SELECT o.id AS order_id, r.status AS reservation_status
FROM orders.orders o LEFT JOIN catalog.reservations r ON r.order_id = o.id
WHERE o.status = 'CONFIRMED' AND r.status IS DISTINCT FROM 'COMMITTED';

-- name: every CANCELLED order has no live hold
SELECT o.id AS order_id, h.status AS hold_status
FROM orders.orders o JOIN payments.holds h ON h.order_id = o.id
WHERE o.status = 'CANCELLED' AND h.status = 'HELD';

-- name: every CANCELLED order has its stock given back
SELECT o.id AS order_id, r.status AS reservation_status
FROM orders.orders o JOIN catalog.reservations r ON r.order_id = o.id
WHERE o.status = 'CANCELLED' AND r.status IN ('RESERVED', 'COMMITTED');

-- name: no order is PENDING past its deadline (the sweeper cancels those)
SELECT id AS order_id, deadline FROM orders.orders
WHERE status = 'PENDING' AND deadline < clock_timestamp() - interval '5 seconds';
