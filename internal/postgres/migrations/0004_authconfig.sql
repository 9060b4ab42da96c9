-- Per-tenant authentication configuration and the TOTP second factor.

-- A tenant's own settings; a NULL column is not set and inherits from the
-- public tenant's row, then from the built-in defaults.
CREATE TABLE auth_configs (
    tenant_id                  text NOT NULL REFERENCES tenants (id),
    email_password_enabled     boolean,
    passwordless_enabled       boolean,
    third_party_enabled        boolean,
    providers                  jsonb,
    first_factors              jsonb,
    required_secondary_factors jsonb,
    access_token_validity      integer,
    refresh_token_validity     integer,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    PRIMARY KEY (tenant_id)
);
ALTER TABLE auth_configs ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth_configs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON auth_configs
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

-- A user's TOTP secret, sealed with the master key.
CREATE TABLE user_totp (
    user_id       text PRIMARY KEY REFERENCES users (id),
    secret_sealed text NOT NULL,
    confirmed_at  timestamptz,
    last_step     bigint,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Single-use recovery codes, hashed.
CREATE TABLE user_recovery_codes (
    user_id    text NOT NULL REFERENCES users (id),
    code_hash  text NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- Pending second steps of logins; the token is stored hashed.
CREATE TABLE mfa_challenges (
    id         text PRIMARY KEY,
    token_hash text NOT NULL,
    user_id    text NOT NULL REFERENCES users (id),
    tenant_id  text NOT NULL DEFAULT '',
    method     text NOT NULL,
    enroll     boolean NOT NULL DEFAULT false,
    attempts   integer NOT NULL DEFAULT 0,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL,
    CONSTRAINT uq__mfa_challenges__token_hash UNIQUE (token_hash)
);
CREATE INDEX mfa_challenges_user ON mfa_challenges (user_id);

-- How a session was established (RFC 8176 amr values, space-separated),
-- carried into the access tokens its refresh token yields.
ALTER TABLE refresh_tokens ADD COLUMN amr text NOT NULL DEFAULT '';

GRANT SELECT, INSERT, UPDATE, DELETE ON auth_configs, user_totp, user_recovery_codes, mfa_challenges TO tenantry_app;
