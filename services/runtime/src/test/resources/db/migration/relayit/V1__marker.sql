-- OutboxRelayIT's schema: nothing of its own; Migrations.runService adds the outbox and inbox
CREATE TABLE relayit_marker (id integer PRIMARY KEY);
