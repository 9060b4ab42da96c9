-- Outgoing webhooks (issue 17, docs/webhooks.md). A tenant's endpoints are
-- tenant-owned (forced row-level security, erased with the tenant). The
-- platform's endpoints, which receive every tenant's events, belong to no
-- tenant: a table without tenant_id, like platform_keys, written only by
-- system transactions (platform admins) and read by every transaction that
-- appends an audited change, so the change and its deliveries commit
-- together. Signing secrets are sealed with the master keys (secret_sealed,
-- and previous_sealed for the one before a rotation, which keeps signing
-- until previous_until). A delivery is tenant-owned by the event's tenant,
-- also when it goes to a platform endpoint; its payload is text, never
-- jsonb, so its bytes stay exactly those that were signed.
CREATE TABLE webhook_endpoints (
    tenant_id       text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id              text COLLATE "C" NOT NULL,
    url             text COLLATE "C" NOT NULL,
    description     text COLLATE "C" NOT NULL DEFAULT '',
    event_types     jsonb NOT NULL DEFAULT '["*"]',
    enabled         boolean NOT NULL,
    secret_sealed   text COLLATE "C" NOT NULL,
    previous_sealed text COLLATE "C" NOT NULL DEFAULT '',
    previous_until  timestamptz,
    disabled_reason text COLLATE "C" NOT NULL DEFAULT '',
    created_by      text COLLATE "C" NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints
    USING (tenant_id = (SELECT tenantry_tenant()) OR (SELECT tenantry_system()))
    WITH CHECK (tenant_id = (SELECT tenantry_tenant()) OR (SELECT tenantry_system()));
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO tenantry_app;

CREATE TABLE platform_webhook_endpoints (
    id              text COLLATE "C" PRIMARY KEY,
    url             text COLLATE "C" NOT NULL,
    description     text COLLATE "C" NOT NULL DEFAULT '',
    event_types     jsonb NOT NULL DEFAULT '["*"]',
    enabled         boolean NOT NULL,
    secret_sealed   text COLLATE "C" NOT NULL,
    previous_sealed text COLLATE "C" NOT NULL DEFAULT '',
    previous_until  timestamptz,
    disabled_reason text COLLATE "C" NOT NULL DEFAULT '',
    created_by      text COLLATE "C" NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON platform_webhook_endpoints TO tenantry_app;

CREATE TABLE webhook_deliveries (
    tenant_id     text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id            text COLLATE "C" NOT NULL,
    endpoint_id   text COLLATE "C" NOT NULL,
    event_id      text COLLATE "C" NOT NULL,
    event_type    text COLLATE "C" NOT NULL,
    resource_key  text COLLATE "C" NOT NULL,
    payload       text COLLATE "C" NOT NULL,
    status        text COLLATE "C" NOT NULL,
    attempts      integer NOT NULL DEFAULT 0,
    next_attempt  timestamptz NOT NULL,
    last_attempt  timestamptz,
    response_code integer NOT NULL DEFAULT 0,
    duration_ms   bigint NOT NULL DEFAULT 0,
    last_error    text COLLATE "C" NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- The oldest pending delivery of an endpoint and resource goes first.
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (tenant_id, endpoint_id, resource_key, status, created_at, id);
-- An endpoint's deliveries, newest first (a platform endpoint's across tenants).
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id);

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
    USING (tenant_id = (SELECT tenantry_tenant()) OR (SELECT tenantry_system()))
    WITH CHECK (tenant_id = (SELECT tenantry_tenant()) OR (SELECT tenantry_system()));
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_deliveries TO tenantry_app;
