-- A tenant's own payment gateway credentials (package credential): one row
-- per provider (paper_id, stripe) with its public fields (public, JSON) and
-- its secret fields sealed together as one value with the master key
-- (secret_sealed, bound to the tenant and the provider; never returned).
-- Disabling keeps the row and the secret, so re-enabling needs no secret.
-- Every *_sealed column is listed in store.SealedColumns, which
-- `tenantry admin rotate-master-key` walks.
CREATE TABLE gateway_credentials (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    provider      TEXT NOT NULL,
    public        TEXT NOT NULL DEFAULT '{}',
    secret_sealed TEXT NOT NULL,
    enabled       INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, provider)
);
