-- Outlets: a tenant's physical locations, tenant_id first in the key. A
-- deleted outlet keeps its row with deleted_at set and is hidden everywhere.
CREATE TABLE outlets (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    address_line1  TEXT NOT NULL DEFAULT '',
    address_line2  TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL DEFAULT '',
    postal_code    TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    timezone       TEXT NOT NULL,
    business_hours TEXT NOT NULL DEFAULT '{}',
    is_active      INTEGER NOT NULL DEFAULT 1,
    deleted_at     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outlets_live_name ON outlets (tenant_id, name_key, id) WHERE deleted_at IS NULL;
