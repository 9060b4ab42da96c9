-- The exports taken of a tenant's data (issue 11): GET .../export and
-- `tenantry export` write one row when they start and complete it when
-- the last record is written. Erasing a tenant requires a completed one
-- (or force with a reason). Tenant-owned: erased with the tenant.
CREATE TABLE tenant_exports (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    requested_by TEXT NOT NULL DEFAULT '',
    format       TEXT NOT NULL,
    records      INTEGER NOT NULL DEFAULT 0,
    bytes        INTEGER NOT NULL DEFAULT 0,
    started_at   TEXT NOT NULL,
    completed_at TEXT,
    PRIMARY KEY (tenant_id, id)
);
