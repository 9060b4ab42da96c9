-- The exports taken of a tenant's data (issue 11): GET .../export and
-- `tenantry export` write one row when they start and complete it when
-- the last record is written. Erasing a tenant requires a completed one
-- (or force with a reason). Tenant-owned: erased with the tenant.
CREATE TABLE tenant_exports (
    tenant_id    text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id           text COLLATE "C" NOT NULL,
    requested_by text COLLATE "C" NOT NULL DEFAULT '',
    format       text COLLATE "C" NOT NULL,
    records      bigint NOT NULL DEFAULT 0,
    bytes        bigint NOT NULL DEFAULT 0,
    started_at   timestamptz NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);

ALTER TABLE tenant_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_exports
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_exports TO tenantry_app;
