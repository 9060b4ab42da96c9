-- Files a tenant stores (today its logo, uploaded through
-- PUT /api/v1/tenants/{tenant_id}/logo): what the storage_bytes meter
-- counts. content is always bytes the server wrote itself (a re-encoded
-- PNG); size is its length, summed by the meter. Tenant-owned: tenant_id
-- first in the key, forced row-level security. A tenant has at most one
-- logo: a replacement deletes the old row and inserts the new one in one
-- transaction.
CREATE TABLE tenant_files (
    tenant_id    text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id           text COLLATE "C" NOT NULL,
    purpose      text COLLATE "C" NOT NULL,
    content_type text COLLATE "C" NOT NULL,
    size         bigint NOT NULL,
    content      bytea NOT NULL,
    sha256       text COLLATE "C" NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX tenant_files_logo ON tenant_files (tenant_id) WHERE purpose = 'logo';

ALTER TABLE tenant_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_files
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, DELETE ON tenant_files TO tenantry_app;
