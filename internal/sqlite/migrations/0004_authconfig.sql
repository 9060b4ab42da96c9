-- Per-tenant authentication configuration and the TOTP second factor.

-- A tenant's own settings; a NULL column is not set and inherits from the
-- public tenant's row, then from the built-in defaults.
CREATE TABLE auth_configs (
    tenant_id                  TEXT NOT NULL REFERENCES tenants (id),
    email_password_enabled     INTEGER,
    passwordless_enabled       INTEGER,
    third_party_enabled        INTEGER,
    providers                  TEXT,
    first_factors              TEXT,
    required_secondary_factors TEXT,
    access_token_validity      INTEGER,
    refresh_token_validity     INTEGER,
    created_at                 TEXT NOT NULL,
    updated_at                 TEXT NOT NULL,
    PRIMARY KEY (tenant_id)
);

-- A user's TOTP secret, sealed with the master key.
CREATE TABLE user_totp (
    user_id       TEXT PRIMARY KEY REFERENCES users (id),
    secret_sealed TEXT NOT NULL,
    confirmed_at  TEXT,
    last_step     INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Single-use recovery codes, hashed.
CREATE TABLE user_recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users (id),
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- Pending second steps of logins; the token is stored hashed.
CREATE TABLE mfa_challenges (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    tenant_id  TEXT NOT NULL DEFAULT '',
    method     TEXT NOT NULL,
    enroll     INTEGER NOT NULL DEFAULT 0,
    attempts   INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT uq__mfa_challenges__token_hash UNIQUE (token_hash)
);
CREATE INDEX mfa_challenges_user ON mfa_challenges (user_id);

-- How a session was established (RFC 8176 amr values, space-separated),
-- carried into the access tokens its refresh token yields.
ALTER TABLE refresh_tokens ADD COLUMN amr TEXT NOT NULL DEFAULT '';
