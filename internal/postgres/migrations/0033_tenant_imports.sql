-- The imports of exports into this installation (issue 11): `tenantry
-- import` writes one row with the tenant it creates, in the same
-- transaction, and completes it after the last record. A tenant whose
-- import of the same export is unfinished may be imported into again (the
-- import resumes, skipping records already present); any other existing
-- tenant with the id or slug refuses the import. Tenant-owned: forced
-- row-level security.
CREATE TABLE tenant_imports (
    tenant_id    text COLLATE "C" NOT NULL REFERENCES tenants (id),
    export_id    text COLLATE "C" NOT NULL,
    started_at   timestamptz NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (tenant_id, export_id)
);

ALTER TABLE tenant_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_imports
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_imports TO tenantry_app;
