-- Platform keys (issue 12): platform-level machine credentials, managed by
-- platform admins, that the seed surfaces accept where their documents name
-- a platform's key (pers's business x-api-key, the supertokens core's
-- api-key). Platform-level: no tenant column. Only the secret's SHA-256
-- (key_hash) and its first characters (prefix, for display) are stored;
-- revocation sets revoked_at and keeps the row for the audit trail.
CREATE TABLE platform_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX platform_keys_hash ON platform_keys (key_hash);
