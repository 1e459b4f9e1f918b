-- The payments schema: a double-entry ledger (accounts, postings, entries), the wallets it backs,
-- escrow holds for orders, and gift cards. The money rules are the database's, not only Java's:
-- a posting that does not sum to zero, a wallet below zero, a second capture or a capture after a
-- release, a second redemption: each is refused here, whoever writes the SQL.

-- Who money belongs to: one wallet account per user, and the four system accounts below.
CREATE TABLE accounts (
  id         uuid PRIMARY KEY,
  kind       text        NOT NULL CHECK (kind IN ('wallet', 'topups', 'giftcards', 'escrow', 'sales')),
  user_id    uuid UNIQUE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK ((kind = 'wallet') = (user_id IS NOT NULL))
);
CREATE UNIQUE INDEX accounts_one_per_system_kind ON accounts (kind) WHERE kind <> 'wallet';
-- SystemAccount (Java) names the same ids. topups: money from outside (goes negative by what came in);
-- giftcards: what redeemed cards brought into wallets (a liability, negative); escrow: held for
-- orders in flight; sales: captured, the sellers' to settle.
INSERT INTO accounts (id, kind) VALUES
  ('00000000-0000-0000-0000-00000000a001', 'topups'),
  ('00000000-0000-0000-0000-00000000a002', 'giftcards'),
  ('00000000-0000-0000-0000-00000000a003', 'escrow'),
  ('00000000-0000-0000-0000-00000000a004', 'sales');

-- A wallet keeps its account's balance beside it, so "is there enough?" is one locked row:
-- balance_cents always equals the sum of the account's entries (both change in one transaction;
-- invariants/payments.sql checks it), held_cents the sum of the user's HELD holds.
CREATE TABLE wallets (
  user_id       uuid PRIMARY KEY,
  account_id    uuid        NOT NULL UNIQUE REFERENCES accounts (id),
  currency      text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  balance_cents bigint      NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
  held_cents    bigint      NOT NULL DEFAULT 0 CHECK (held_cents >= 0),
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One movement of money: its entries sum to zero (checked at commit, below).
CREATE TABLE postings (
  id         uuid PRIMARY KEY,
  kind       text        NOT NULL CHECK (kind IN ('top_up', 'gift_card', 'hold', 'capture', 'release')),
  -- the order (hold, capture, release) or gift card (gift_card) it belongs to
  reference  uuid,
  currency   text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX postings_reference ON postings (reference) WHERE reference IS NOT NULL;

-- Positive adds to the account's balance, negative takes from it.
CREATE TABLE entries (
  id           uuid PRIMARY KEY,
  posting_id   uuid        NOT NULL REFERENCES postings (id),
  account_id   uuid        NOT NULL REFERENCES accounts (id),
  amount_cents bigint      NOT NULL CHECK (amount_cents <> 0),
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX entries_posting ON entries (posting_id);
-- a wallet's ledger, newest first, paged on (created_at, id)
CREATE INDEX entries_account_newest ON entries (account_id, created_at DESC, id DESC);

-- Deferred to commit: the entries of a posting arrive one row (or statement) after the posting.
-- search_path FROM CURRENT (this schema, as Flyway runs it): a session with another search_path,
-- a psql repair say, still checks this schema's entries.
CREATE FUNCTION posting_must_balance() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  posting uuid;
  n       bigint;
  total   numeric;
BEGIN
  IF TG_TABLE_NAME = 'postings' THEN
    posting := NEW.id;
  ELSE
    posting := NEW.posting_id;
  END IF;
  SELECT count(*), coalesce(sum(amount_cents), 0) INTO n, total FROM entries WHERE posting_id = posting;
  IF n < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'posting % does not balance: % entries summing to %', posting, n, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER postings_balance AFTER INSERT ON postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posting_must_balance();
CREATE CONSTRAINT TRIGGER entries_balance AFTER INSERT ON entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posting_must_balance();

-- The ledger is history: a mistake is corrected by a new posting, never by an edit.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

-- Escrow for an order: one row per order, whatever happened to it. A RELEASED row of 0 is a
-- tombstone: the order was cancelled before payments saw it placed, so a late order.placed holds nothing.
CREATE TABLE holds (
  id           uuid PRIMARY KEY,
  order_id     uuid        NOT NULL UNIQUE,
  customer_id  uuid        NOT NULL,
  amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
  currency     text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status       text        NOT NULL CHECK (status IN ('HELD', 'CAPTURED', 'RELEASED', 'FAILED')),
  -- FAILED: insufficient_funds; a tombstone: cancelled_before_placed
  reason       text,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX holds_customer_held ON holds (customer_id) WHERE status = 'HELD';

-- The only moves are HELD -> CAPTURED and HELD -> RELEASED, once: a second capture, a capture
-- after a release (or the other way round) and any change to a settled hold are refused.
CREATE FUNCTION hold_moves_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = 'CAPTURED' OR (NEW.status = 'RELEASED' AND NEW.amount_cents <> 0) THEN
      RAISE EXCEPTION 'a hold starts HELD or FAILED, or as a RELEASED tombstone of 0; not % of %',
        NEW.status, NEW.amount_cents USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'hold % cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'HELD' OR NEW.status NOT IN ('CAPTURED', 'RELEASED') THEN
    RAISE EXCEPTION 'hold % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.id, NEW.order_id, NEW.customer_id, NEW.amount_cents, NEW.currency, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.order_id, OLD.customer_id, OLD.amount_cents, OLD.currency, OLD.created_at) THEN
    RAISE EXCEPTION 'hold %: only its status moves', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER holds_move_once BEFORE INSERT OR UPDATE OR DELETE ON holds
  FOR EACH ROW EXECUTE FUNCTION hold_moves_once();

-- Only the SHA-256 of a code is kept: a copy of this table redeems nothing. No money moves at
-- issue; a redemption posts giftcards -> wallet.
CREATE TABLE giftcards (
  id           uuid PRIMARY KEY,
  code_hash    bytea       NOT NULL UNIQUE CHECK (length(code_hash) = 32),
  amount_cents bigint      NOT NULL CHECK (amount_cents > 0),
  currency     text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  issuer_id    uuid        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  redeemed_by  uuid,
  redeemed_at  timestamptz,
  CHECK ((redeemed_by IS NULL) = (redeemed_at IS NULL))
);

-- Redeemed exactly once: a redeemed card never changes again, and only the redemption columns move.
CREATE FUNCTION giftcard_redeems_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'gift card % cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.redeemed_at IS NOT NULL THEN
    RAISE EXCEPTION 'gift card % is already redeemed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.id, NEW.code_hash, NEW.amount_cents, NEW.currency, NEW.issuer_id, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.code_hash, OLD.amount_cents, OLD.currency, OLD.issuer_id, OLD.created_at) THEN
    RAISE EXCEPTION 'gift card %: only its redemption is recorded', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER giftcards_redeem_once BEFORE UPDATE OR DELETE ON giftcards
  FOR EACH ROW EXECUTE FUNCTION giftcard_redeems_once();
