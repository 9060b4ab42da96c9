-- The imports of exports into this installation (issue 11): `tenantry
-- import` writes one row with the tenant it creates, in the same
-- transaction, and completes it after the last record. A tenant whose
-- import of the same export is unfinished may be imported into again (the
-- import resumes, skipping records already present); any other existing
-- tenant with the id or slug refuses the import. Tenant-owned.
CREATE TABLE tenant_imports (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    export_id    TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    completed_at TEXT,
    PRIMARY KEY (tenant_id, export_id)
);
