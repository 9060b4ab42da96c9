-- Typed configuration (package setting). Platform-level values, global
-- (scope_id '') and per plan (scope_id = the plan's id), and the keys
-- platform admins define: grants only, no tenant_id. A tenant's own values,
-- tenant-wide (environment '') and per environment (prod, staging, dev), are
-- tenant-owned: tenant_id first in the key, forced row-level security.
-- Values are JSON of the key's type; is_locked stops the levels below.
CREATE TABLE platform_settings (
    scope      text COLLATE "C" NOT NULL,
    scope_id   text COLLATE "C" NOT NULL DEFAULT '',
    key        text COLLATE "C" NOT NULL,
    value      jsonb NOT NULL,
    is_locked  boolean NOT NULL DEFAULT false,
    updated_by text COLLATE "C" NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (scope, scope_id, key)
);

CREATE TABLE tenant_settings (
    tenant_id   text COLLATE "C" NOT NULL REFERENCES tenants (id),
    environment text COLLATE "C" NOT NULL DEFAULT '',
    key         text COLLATE "C" NOT NULL,
    value       jsonb NOT NULL,
    is_locked   boolean NOT NULL DEFAULT false,
    updated_by  text COLLATE "C" NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, environment, key)
);
ALTER TABLE tenant_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_settings
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

CREATE TABLE setting_definitions (
    key         text COLLATE "C" PRIMARY KEY,
    label       text COLLATE "C" NOT NULL,
    resource    text COLLATE "C" NOT NULL DEFAULT '',
    grp         text COLLATE "C" NOT NULL DEFAULT '',
    section     text COLLATE "C" NOT NULL DEFAULT '',
    type        text COLLATE "C" NOT NULL,
    enum_values jsonb NOT NULL DEFAULT '[]',
    default_value jsonb NOT NULL,
    levels      jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- The enterprise plan switches white label on.
INSERT INTO platform_settings (scope, scope_id, key, value, is_locked, updated_at)
VALUES ('plan', 'plan_enterprise', 'features.white_label', 'true', false, '2026-01-01T00:00:00Z');

GRANT SELECT, INSERT, UPDATE, DELETE ON platform_settings, tenant_settings, setting_definitions TO tenantry_app;
