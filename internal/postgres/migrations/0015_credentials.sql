-- A tenant's own payment gateway credentials (package credential): one row
-- per provider (paper_id, stripe) with its public fields (public, JSON) and
-- its secret fields sealed together as one value with the master key
-- (secret_sealed, bound to the tenant and the provider; never returned).
-- Disabling keeps the row and the secret, so re-enabling needs no secret.
-- Every *_sealed column is listed in store.SealedColumns, which
-- `tenantry admin rotate-master-key` walks. Tenant-owned: tenant_id first in
-- every key, forced row-level security.
CREATE TABLE gateway_credentials (
    tenant_id     text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id            text COLLATE "C" NOT NULL,
    provider      text COLLATE "C" NOT NULL,
    public        jsonb NOT NULL DEFAULT '{}',
    secret_sealed text COLLATE "C" NOT NULL,
    enabled       boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT uq__gateway_credentials__provider UNIQUE (tenant_id, provider)
);

ALTER TABLE gateway_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE gateway_credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON gateway_credentials
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE ON gateway_credentials TO tenantry_app;
