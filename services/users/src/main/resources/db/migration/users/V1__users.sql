CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text        NOT NULL,
  name          text        NOT NULL,
  role          text        NOT NULL CHECK (role IN ('customer', 'merchant', 'admin')),
  -- PHC string: $argon2id$v=19$m=..,t=..,p=..$salt$hash
  password_hash text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- one account per address whatever its case: Ada@x.io and ada@x.io are the same person
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE INDEX users_admins ON users (role) WHERE role = 'admin';

-- a login opens a session; its refresh tokens form one family, revoked together on reuse or logout
CREATE TABLE sessions (
  id         uuid PRIMARY KEY,
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- only the SHA-256 of a refresh token is kept: a copy of this table logs nobody in
CREATE TABLE refresh_tokens (
  token_hash bytea PRIMARY KEY,
  session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL,
  -- set when the token was exchanged for the next one; a second use is a theft signal
  used_at    timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

