-- Identity flows: profile addresses and pictures, one-time sign-in codes,
-- password reset tokens and password change stamps. All of them belong to a
-- global user, not to a tenant. Codes, tokens and stamps are stored hashed.

ALTER TABLE users ADD COLUMN primary_address TEXT NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN communication_address TEXT NOT NULL DEFAULT '{}';

-- A profile picture: always a PNG the server re-encoded itself.
CREATE TABLE user_pictures (
    user_id    TEXT PRIMARY KEY REFERENCES users (id),
    content    BLOB NOT NULL,
    etag       TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- One-time sign-in codes (HMAC of the code). user_id is '' for the decoy row
-- written when an email has no active account; such a row never verifies.
CREATE TABLE otp_codes (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    user_id    TEXT NOT NULL DEFAULT '',
    code_hash  TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX otp_codes_email ON otp_codes (email, id DESC);
CREATE INDEX otp_codes_expires ON otp_codes (expires_at);

-- Password reset tokens (SHA-256 of a 256-bit token); user_id '' as above.
CREATE TABLE password_resets (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT uq__password_resets__token_hash UNIQUE (token_hash)
);
CREATE INDEX password_resets_user ON password_resets (user_id);
CREATE INDEX password_resets_expires ON password_resets (expires_at);

-- Password change concurrency stamps (storegister seed), single use.
CREATE TABLE password_stamps (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    stamp_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT uq__password_stamps__stamp_hash UNIQUE (stamp_hash)
);
CREATE INDEX password_stamps_user ON password_stamps (user_id);
CREATE INDEX password_stamps_expires ON password_stamps (expires_at);
