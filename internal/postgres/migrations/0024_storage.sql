-- A tenant's own storage (trueport "Storage Configuration", package
-- storage), where its sealed audit batches are shipped: an S3 bucket
-- (bucket, region, endpoint for an S3-compatible store) or an Azure
-- container (container_name). The secrets (S3 keys, the Azure connection
-- string) are sealed together as one value with the master key
-- (secret_sealed, bound to the tenant; never returned), listed in
-- store.SealedColumns. The shipping state: the last batch shipped
-- (shipped_through_batch, 0: none), when, and the last failure.
-- Tenant-owned: forced row-level security.
CREATE TABLE storage_configs (
    tenant_id             text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES tenants (id),
    provider              text COLLATE "C" NOT NULL CHECK (provider IN ('S3', 'AZURE')),
    bucket                text COLLATE "C" NOT NULL DEFAULT '',
    region                text COLLATE "C" NOT NULL DEFAULT '',
    endpoint              text COLLATE "C" NOT NULL DEFAULT '',
    container_name        text COLLATE "C" NOT NULL DEFAULT '',
    secret_sealed         text COLLATE "C" NOT NULL,
    last_shipped_at       timestamptz,
    last_error            text COLLATE "C" NOT NULL DEFAULT '',
    shipped_through_batch bigint NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);

ALTER TABLE storage_configs ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage_configs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON storage_configs
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON storage_configs TO tenantry_app;
