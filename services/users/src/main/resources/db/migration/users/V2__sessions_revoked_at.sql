-- a gateway that starts asks for the sessions revoked in the last access-token lifetime
CREATE INDEX sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
