-- Invariants of the payments schema. Each query returns the rows that break its rule: empty means it
-- holds. Each is preceded by its '-- name:' line and ends with ';'. Read-only; safe on a live database.

-- name: postings_balance
-- every posting has at least two entries and they sum to zero
SELECT p.id AS posting_id, p.kind, count(e.id) AS entries, coalesce(sum(e.amount_cents), 0) AS sum_cents
FROM payments.postings p LEFT JOIN payments.entries e ON e.posting_id = p.id
GROUP BY p.id, p.kind
HAVING count(e.id) < 2 OR coalesce(sum(e.amount_cents), 0) <> 0;

-- name: ledger_sums_to_zero
-- the whole ledger sums to zero: money is only ever moved, never made or lost
SELECT sum(amount_cents) AS sum_cents FROM payments.entries HAVING sum(amount_cents) <> 0;

-- name: wallet_balance_is_its_entries
-- a wallet's balance is the sum of its account's entries, and never below zero
SELECT w.user_id, w.balance_cents, coalesce(e.sum_cents, 0) AS entries_cents
FROM payments.wallets w
LEFT JOIN (SELECT account_id, sum(amount_cents) AS sum_cents FROM payments.entries GROUP BY account_id) e
  ON e.account_id = w.account_id
WHERE w.balance_cents <> coalesce(e.sum_cents, 0) OR w.balance_cents < 0;

-- name: wallet_held_is_its_held_holds
-- a wallet's held amount is the sum of its user's HELD holds, and never below zero
SELECT coalesce(w.user_id, h.customer_id) AS user_id, w.held_cents, coalesce(h.sum_cents, 0) AS held_holds_cents
FROM payments.wallets w
FULL JOIN (SELECT customer_id, sum(amount_cents) AS sum_cents FROM payments.holds WHERE status = 'HELD'
           GROUP BY customer_id) h ON h.customer_id = w.user_id
WHERE coalesce(w.held_cents, 0) <> coalesce(h.sum_cents, 0) OR w.held_cents < 0;

-- name: escrow_is_the_held_holds
-- the escrow account holds exactly the HELD holds
SELECT e.balance_cents AS escrow_cents, h.sum_cents AS held_holds_cents
FROM (SELECT coalesce(sum(amount_cents), 0) AS balance_cents FROM payments.entries
      WHERE account_id = '00000000-0000-0000-0000-00000000a003') e,
     (SELECT coalesce(sum(amount_cents), 0) AS sum_cents FROM payments.holds WHERE status = 'HELD') h
WHERE e.balance_cents <> h.sum_cents;

-- name: giftcard_redeemed_once_into_the_ledger
-- a redeemed card has exactly one gift_card posting, bringing its amount into a wallet; an unredeemed one has none
SELECT g.id AS giftcard_id, g.redeemed_at, g.amount_cents, count(DISTINCT p.id) AS postings,
       coalesce(sum(e.amount_cents), 0) AS credited_cents
FROM payments.giftcards g
LEFT JOIN payments.postings p ON p.reference = g.id AND p.kind = 'gift_card'
LEFT JOIN payments.entries e ON e.posting_id = p.id AND e.amount_cents > 0
GROUP BY g.id, g.redeemed_at, g.amount_cents
HAVING count(DISTINCT p.id) <> CASE WHEN g.redeemed_at IS NULL THEN 0 ELSE 1 END
    OR coalesce(sum(e.amount_cents), 0) <> CASE WHEN g.redeemed_at IS NULL THEN 0 ELSE g.amount_cents END;

-- name: holds_match_their_postings
-- a hold of more than 0 that was HELD has one hold posting, plus one capture or one release once settled;
-- a FAILED hold, a hold of 0 and a tombstone have none
SELECT h.id AS hold_id, h.order_id, h.status, h.amount_cents, p.holds, p.captures, p.releases
FROM payments.holds h
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE kind = 'hold') AS holds, count(*) FILTER (WHERE kind = 'capture') AS captures,
         count(*) FILTER (WHERE kind = 'release') AS releases
  FROM payments.postings WHERE reference = h.order_id) p
WHERE p.holds <> CASE WHEN h.amount_cents = 0 OR h.status = 'FAILED' THEN 0 ELSE 1 END
   OR p.captures <> CASE WHEN h.amount_cents > 0 AND h.status = 'CAPTURED' THEN 1 ELSE 0 END
   OR p.releases <> CASE WHEN h.amount_cents > 0 AND h.status = 'RELEASED' THEN 1 ELSE 0 END;
