-- Slug claims: a global table claiming each slug for its tenant, written
-- in the transaction that creates the tenant (see the PostgreSQL migration
-- of this number: tenants is distributed by id there). An erased tenant's
-- claim stays with tenant_id '', keeping its slug reserved. SQLite keeps
-- the unique constraint on tenants.slug (dropping an inline constraint
-- means rebuilding tenants, which every tenant table references); the
-- claim is written first, so that constraint is never the one that fires.
CREATE TABLE tenant_slugs (
    slug      TEXT NOT NULL PRIMARY KEY,
    tenant_id TEXT NOT NULL
);
CREATE INDEX tenant_slugs_tenant ON tenant_slugs (tenant_id);
INSERT INTO tenant_slugs (slug, tenant_id) SELECT slug, id FROM tenants;
INSERT OR IGNORE INTO tenant_slugs (slug, tenant_id) SELECT slug, '' FROM tenant_erasures;
