-- MessagingChaosIT's schema: one row per handler effect, without a unique key, so a duplicate
-- effect would show as a second row rather than be hidden by a constraint
CREATE TABLE effects (
  message_id uuid    NOT NULL,
  seq        integer NOT NULL
);
