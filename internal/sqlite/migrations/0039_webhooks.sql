-- Outgoing webhooks (issue 17, docs/webhooks.md). A tenant's endpoints are
-- tenant-owned (forced row-level security on PostgreSQL, erased with the tenant). The
-- platform's endpoints, which receive every tenant's events, belong to no
-- tenant: a table without tenant_id, like platform_keys, written only by
-- system transactions (platform admins) and read by every transaction that
-- appends an audited change, so the change and its deliveries commit
-- together. Signing secrets are sealed with the master keys (secret_sealed,
-- and previous_sealed for the one before a rotation, which keeps signing
-- until previous_until). A delivery is tenant-owned by the event's tenant,
-- also when it goes to a platform endpoint; its payload is text, never
-- TEXT, so its bytes stay exactly those that were signed.
CREATE TABLE webhook_endpoints (
    tenant_id       TEXT NOT NULL REFERENCES tenants (id),
    id              TEXT NOT NULL,
    url             TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    event_types     TEXT NOT NULL DEFAULT '["*"]',
    enabled         INTEGER NOT NULL,
    secret_sealed   TEXT NOT NULL,
    previous_sealed TEXT NOT NULL DEFAULT '',
    previous_until  TEXT,
    disabled_reason TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);


CREATE TABLE platform_webhook_endpoints (
    id              TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    event_types     TEXT NOT NULL DEFAULT '["*"]',
    enabled         INTEGER NOT NULL,
    secret_sealed   TEXT NOT NULL,
    previous_sealed TEXT NOT NULL DEFAULT '',
    previous_until  TEXT,
    disabled_reason TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    endpoint_id   TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    event_type    TEXT NOT NULL,
    resource_key  TEXT NOT NULL,
    payload       TEXT NOT NULL,
    status        TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TEXT NOT NULL,
    last_attempt  TEXT,
    response_code INTEGER NOT NULL DEFAULT 0,
    duration_ms   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- The oldest pending delivery of an endpoint and resource goes first.
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (tenant_id, endpoint_id, resource_key, status, created_at, id);
-- An endpoint's deliveries, newest first (a platform endpoint's across tenants).
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id);

