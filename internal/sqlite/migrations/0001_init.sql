-- Tenantry schema, SQLite. Times are fixed-width UTC text; JSON is text.
-- Every tenant-owned table has tenant_id first in its primary key.

CREATE TABLE tenants (
    id                    TEXT PRIMARY KEY,
    slug                  TEXT NOT NULL,
    name                  TEXT NOT NULL,
    name_key              TEXT NOT NULL,
    email                 TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    phone_key             TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    website               TEXT NOT NULL DEFAULT '',
    billing_email         TEXT NOT NULL DEFAULT '',
    logo_url              TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL,
    status_reason         TEXT NOT NULL DEFAULT '',
    settings              TEXT NOT NULL DEFAULT '{}',
    registration_id       TEXT NOT NULL DEFAULT '',
    client_partner_id     TEXT,
    client_partner_number TEXT,
    deactivation_id       TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CONSTRAINT uq__tenants__slug UNIQUE (slug)
);
CREATE INDEX tenants_name_key ON tenants (name_key);
CREATE INDEX tenants_email_key ON tenants (lower(email));
CREATE INDEX tenants_phone_key ON tenants (phone_key);
CREATE INDEX tenants_created ON tenants (created_at DESC, id DESC);

CREATE TABLE users (
    id                TEXT PRIMARY KEY,
    email             TEXT NOT NULL,
    password_hash     TEXT NOT NULL DEFAULT '',
    first_name        TEXT NOT NULL DEFAULT '',
    last_name         TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    is_platform_admin INTEGER NOT NULL DEFAULT 0,
    is_active         INTEGER NOT NULL DEFAULT 1,
    sessions_ended_at TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CONSTRAINT uq__users__email UNIQUE (email)
);

CREATE TABLE memberships (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    id         TEXT NOT NULL,
    role       TEXT NOT NULL,
    outlet_ids TEXT NOT NULL DEFAULT '[]',
    status     TEXT NOT NULL,
    sessions_ended_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE subscriptions (
    tenant_id            TEXT NOT NULL REFERENCES tenants (id),
    id                   TEXT NOT NULL,
    plan                 TEXT NOT NULL,
    status               TEXT NOT NULL,
    trial_ends_at        TEXT,
    current_period_start TEXT NOT NULL,
    current_period_end   TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE tenant_changes (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    change_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    ref_id    TEXT NOT NULL,
    previous  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, change_id, kind, ref_id)
);

CREATE TABLE refresh_tokens (
    id         TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    tenant_id  TEXT NOT NULL DEFAULT '',
    env        TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    revoked_at TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT uq__refresh_tokens__token_hash UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- Access tokens ended before their expiry (logout); kept until they expire.
CREATE TABLE revoked_access_tokens (
    jti        TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE signing_keys (
    id             TEXT PRIMARY KEY,
    alg            TEXT NOT NULL,
    public_key     BLOB NOT NULL,
    private_sealed TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE audit_logs (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    actor_id      TEXT NOT NULL DEFAULT '',
    actor_email   TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL,
    resource_type TEXT NOT NULL DEFAULT '',
    resource_id   TEXT NOT NULL DEFAULT '',
    outcome       TEXT NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    user_agent    TEXT NOT NULL DEFAULT '',
    request_id    TEXT NOT NULL DEFAULT '',
    details       TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_logs_id ON audit_logs (id DESC);

-- The audit log is append-only.
CREATE TRIGGER audit_logs_no_update BEFORE UPDATE ON audit_logs
BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END;
CREATE TRIGGER audit_logs_no_delete BEFORE DELETE ON audit_logs
BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END;
