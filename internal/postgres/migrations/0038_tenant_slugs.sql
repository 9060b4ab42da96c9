-- Slug claims (docs/citus.md): a slug is unique across the installation,
-- but tenants is distributed by its id on Citus, where a unique index can
-- only include the distribution column. So uniqueness lives in a global
-- claims table, written in the transaction that creates the tenant
-- (CreateTenant, ImportTenant), and the unique index on tenants.slug goes.
-- Slugs never change. An erased tenant's claim stays, with tenant_id ''
-- (its id is in tenant_erasures), so its slug stays reserved forever and
-- no row names the erased tenant. Lookups by slug read the claims.
CREATE TABLE tenant_slugs (
    slug      text COLLATE "C" NOT NULL,
    tenant_id text COLLATE "C" NOT NULL,
    CONSTRAINT uq__tenant_slugs__slug PRIMARY KEY (slug)
);
CREATE INDEX tenant_slugs_tenant ON tenant_slugs (tenant_id);
COMMENT ON TABLE tenant_slugs IS 'global: slug claims, unique across tenants (tenants is distributed by id, so its own unique index could not be); tenant_id is the claiming tenant, '''' once erased';
INSERT INTO tenant_slugs (slug, tenant_id) SELECT slug, id FROM tenants;
INSERT INTO tenant_slugs (slug, tenant_id) SELECT slug, '' FROM tenant_erasures ON CONFLICT (slug) DO NOTHING;
ALTER TABLE tenants DROP CONSTRAINT uq__tenants__slug;
GRANT SELECT, INSERT, UPDATE ON tenant_slugs TO tenantry_app;
