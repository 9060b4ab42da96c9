-- Typed configuration (package setting). Platform-level values, global
-- (scope_id '') and per plan (scope_id = the plan's id), and the keys
-- platform admins define. A tenant's own values, tenant-wide (environment
-- '') and per environment (prod, staging, dev), keyed by tenant_id first.
-- Values are JSON of the key's type; is_locked stops the levels below.
CREATE TABLE platform_settings (
    scope      TEXT NOT NULL,
    scope_id   TEXT NOT NULL DEFAULT '',
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    is_locked  INTEGER NOT NULL DEFAULT 0,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (scope, scope_id, key)
);

CREATE TABLE tenant_settings (
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    environment TEXT NOT NULL DEFAULT '',
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    is_locked   INTEGER NOT NULL DEFAULT 0,
    updated_by  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, environment, key)
);

CREATE TABLE setting_definitions (
    key           TEXT PRIMARY KEY,
    label         TEXT NOT NULL,
    resource      TEXT NOT NULL DEFAULT '',
    grp           TEXT NOT NULL DEFAULT '',
    section       TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL,
    enum_values   TEXT NOT NULL DEFAULT '[]',
    default_value TEXT NOT NULL,
    levels        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- The enterprise plan switches white label on.
INSERT INTO platform_settings (scope, scope_id, key, value, is_locked, updated_at)
VALUES ('plan', 'plan_enterprise', 'features.white_label', 'true', 0, '2026-01-01T00:00:00.000000Z');
