-- Platform keys (issue 12): platform-level machine credentials, managed by
-- platform admins, that the seed surfaces accept where their documents name
-- a platform's key (pers's business x-api-key, the supertokens core's
-- api-key). Platform-level: no tenant column (a key belongs to no tenant),
-- so no row-level security. Only the secret's SHA-256 (key_hash) and its
-- first characters (prefix, for display) are stored; revocation sets
-- revoked_at and keeps the row for the audit trail.
CREATE TABLE platform_keys (
    id           text COLLATE "C" PRIMARY KEY,
    name         text COLLATE "C" NOT NULL,
    prefix       text COLLATE "C" NOT NULL,
    key_hash     text COLLATE "C" NOT NULL,
    created_by   text COLLATE "C" NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX platform_keys_hash ON platform_keys (key_hash);

GRANT SELECT, INSERT, UPDATE ON platform_keys TO tenantry_app;
