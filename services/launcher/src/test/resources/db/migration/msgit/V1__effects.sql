-- MessagingHttpIT's schema: one row per handler effect, deliberately without a unique key, so a
-- second effect of one message (a replay handled twice) would show as a second row
CREATE TABLE effects (
  queue      text    NOT NULL,
  message_id uuid    NOT NULL,
  seq        integer NOT NULL
);
