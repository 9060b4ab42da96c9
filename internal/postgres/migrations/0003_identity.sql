-- Identity flows: profile addresses and pictures, one-time sign-in codes,
-- password reset tokens and password change stamps. All of them belong to a
-- global user, not to a tenant, so they need grants but no row-level
-- security. Codes, tokens and stamps are stored hashed.

ALTER TABLE users ADD COLUMN primary_address jsonb NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN communication_address jsonb NOT NULL DEFAULT '{}';

-- A profile picture: always a PNG the server re-encoded itself.
CREATE TABLE user_pictures (
    user_id    text PRIMARY KEY REFERENCES users (id),
    content    bytea NOT NULL,
    etag       text NOT NULL,
    width      integer NOT NULL,
    height     integer NOT NULL,
    updated_at timestamptz NOT NULL
);

-- One-time sign-in codes (HMAC of the code). user_id is '' for the decoy row
-- written when an email has no active account; such a row never verifies.
CREATE TABLE otp_codes (
    id         text PRIMARY KEY,
    email      text NOT NULL,
    user_id    text NOT NULL DEFAULT '',
    code_hash  text NOT NULL,
    attempts   integer NOT NULL DEFAULT 0,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL
);
CREATE INDEX otp_codes_email ON otp_codes (email, id DESC);
CREATE INDEX otp_codes_expires ON otp_codes (expires_at);

-- Password reset tokens (SHA-256 of a 256-bit token); user_id '' as above.
CREATE TABLE password_resets (
    id         text PRIMARY KEY,
    user_id    text NOT NULL DEFAULT '',
    token_hash text NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL,
    CONSTRAINT uq__password_resets__token_hash UNIQUE (token_hash)
);
CREATE INDEX password_resets_user ON password_resets (user_id);
CREATE INDEX password_resets_expires ON password_resets (expires_at);

-- Password change concurrency stamps (storegister seed), single use.
CREATE TABLE password_stamps (
    id         text PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users (id),
    stamp_hash text NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL,
    CONSTRAINT uq__password_stamps__stamp_hash UNIQUE (stamp_hash)
);
CREATE INDEX password_stamps_user ON password_stamps (user_id);
CREATE INDEX password_stamps_expires ON password_stamps (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON user_pictures, otp_codes, password_resets, password_stamps TO tenantry_app;
