-- Outlets: a tenant's physical locations. Tenant-owned: tenant_id first in
-- the key, forced row-level security. A deleted outlet keeps its row with
-- deleted_at set and is hidden everywhere.
CREATE TABLE outlets (
    tenant_id      text NOT NULL REFERENCES tenants (id),
    id             text NOT NULL,
    name           text NOT NULL,
    name_key       text NOT NULL,
    address_line1  text NOT NULL DEFAULT '',
    address_line2  text NOT NULL DEFAULT '',
    city           text NOT NULL DEFAULT '',
    state          text NOT NULL DEFAULT '',
    postal_code    text NOT NULL DEFAULT '',
    country        text NOT NULL DEFAULT '',
    phone          text NOT NULL DEFAULT '',
    email          text NOT NULL DEFAULT '',
    timezone       text NOT NULL,
    business_hours jsonb NOT NULL DEFAULT '{}',
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outlets_live_name ON outlets (tenant_id, name_key, id) WHERE deleted_at IS NULL;

ALTER TABLE outlets ENABLE ROW LEVEL SECURITY;
ALTER TABLE outlets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outlets
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON outlets TO tenantry_app;
