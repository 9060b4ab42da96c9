-- API keys: machine credentials of one tenant and environment. Only the
-- secret's SHA-256 (key_hash) and its first characters (prefix, for display)
-- are stored. Rotation replaces both in the same row; revocation sets
-- revoked_at and keeps the row for the audit trail. Authentication finds a
-- key by its hash alone, through api_keys_hash.
CREATE TABLE api_keys (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    environment  TEXT NOT NULL,
    scopes       TEXT NOT NULL DEFAULT '[]',
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    rotated_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX api_keys_hash ON api_keys (key_hash);
