-- Customers (issue 11): the people who book a tenant's services. Tenant-wide
-- (not bound to an outlet). Tenant-owned: tenant_id first in the key, forced
-- row-level security. A deleted customer keeps its row with deleted_at set
-- and is hidden everywhere.
--
-- name_key and email_key are the lower-cased name and email that search and
-- uniqueness compare; phone_key is the phone's digits (search by part of a
-- number however it was written). email_key is '' when there is no email.
-- status is one of active, inactive, blocked (internal/customer).
CREATE TABLE customers (
    tenant_id            text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id                   text COLLATE "C" NOT NULL,
    name                 text COLLATE "C" NOT NULL,
    name_key             text COLLATE "C" NOT NULL,
    email                text COLLATE "C" NOT NULL DEFAULT '',
    email_key            text COLLATE "C" NOT NULL DEFAULT '',
    phone                text COLLATE "C" NOT NULL DEFAULT '',
    phone_key            text COLLATE "C" NOT NULL DEFAULT '',
    notes                text COLLATE "C" NOT NULL DEFAULT '',
    marketing_consent    boolean NOT NULL DEFAULT false,
    marketing_consent_at timestamptz,
    status               text COLLATE "C" NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'blocked')),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    deleted_at           timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- One live customer per email in a tenant, any case; no email is no limit.
CREATE UNIQUE INDEX uq__customers__email_key ON customers (tenant_id, email_key)
    WHERE deleted_at IS NULL AND email_key <> '';
-- The list's order (newest first, keyset paging) and the count of recent
-- sign-ups (created_at in the last 30 days).
CREATE INDEX customers_live_created ON customers (tenant_id, created_at, id) WHERE deleted_at IS NULL;
-- The counts by status (total / active of the tenant statistics).
CREATE INDEX customers_live_status ON customers (tenant_id, status) WHERE deleted_at IS NULL;
-- Lookup by a whole phone number or name prefix; a search by any part of
-- them scans one tenant's rows.
CREATE INDEX customers_live_phone ON customers (tenant_id, phone_key) WHERE deleted_at IS NULL;
CREATE INDEX customers_live_name ON customers (tenant_id, name_key, id) WHERE deleted_at IS NULL;

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customers
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON customers TO tenantry_app;
