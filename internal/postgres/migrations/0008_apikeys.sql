-- API keys: machine credentials of one tenant and environment. Only the
-- secret's SHA-256 (key_hash) and its first characters (prefix, for display)
-- are stored. Rotation replaces both in the same row; revocation sets
-- revoked_at and keeps the row for the audit trail. Tenant-owned: tenant_id
-- first in the key, forced row-level security. Authentication finds a key by
-- its hash alone (the caller does not say its tenant), in a platform-level
-- transaction, through api_keys_hash; the hash is not declared unique so the
-- table stays distributable by tenant_id (a collision of SHA-256 over 256
-- random bits does not happen).
CREATE TABLE api_keys (
    tenant_id    text NOT NULL REFERENCES tenants (id),
    id           text NOT NULL,
    name         text NOT NULL,
    environment  text NOT NULL,
    scopes       jsonb NOT NULL DEFAULT '[]',
    prefix       text NOT NULL,
    key_hash     text NOT NULL,
    created_by   text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    rotated_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX api_keys_hash ON api_keys (key_hash);

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE ON api_keys TO tenantry_app;
