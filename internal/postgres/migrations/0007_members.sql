-- Invitations to join a tenant, and listing members in the order they
-- joined. invites is tenant-owned: tenant_id first in the key, forced
-- row-level security. The token is stored only as its SHA-256; the unique
-- key includes tenant_id so that the table can be distributed by tenant,
-- and the accept flow (which knows only the token) finds it by token_hash.
CREATE TABLE invites (
    tenant_id   text NOT NULL REFERENCES tenants (id),
    id          text NOT NULL,
    email       text NOT NULL,
    role        text NOT NULL,
    outlet_ids  jsonb NOT NULL DEFAULT '[]',
    token_hash  text NOT NULL,
    invited_by  text NOT NULL DEFAULT '',
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by text NOT NULL DEFAULT '',
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT uq__invites__token_hash UNIQUE (tenant_id, token_hash)
);
CREATE INDEX invites_token ON invites (token_hash);
CREATE INDEX invites_email ON invites (tenant_id, email);

ALTER TABLE invites ENABLE ROW LEVEL SECURITY;
ALTER TABLE invites FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invites
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON invites TO tenantry_app;

CREATE INDEX memberships_tenant_joined ON memberships (tenant_id, created_at, user_id);
