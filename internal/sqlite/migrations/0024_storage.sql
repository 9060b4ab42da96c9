-- A tenant's own storage (trueport "Storage Configuration", package
-- storage), where its sealed audit batches are shipped: an S3 bucket
-- (bucket, region, endpoint for an S3-compatible store) or an Azure
-- container (container_name). The secrets (S3 keys, the Azure connection
-- string) are sealed together as one value with the master key
-- (secret_sealed, bound to the tenant; never returned), listed in
-- store.SealedColumns. The shipping state: the last batch shipped
-- (shipped_through_batch, 0: none), when, and the last failure.
CREATE TABLE storage_configs (
    tenant_id             TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    provider              TEXT NOT NULL CHECK (provider IN ('S3', 'AZURE')),
    bucket                TEXT NOT NULL DEFAULT '',
    region                TEXT NOT NULL DEFAULT '',
    endpoint              TEXT NOT NULL DEFAULT '',
    container_name        TEXT NOT NULL DEFAULT '',
    secret_sealed         TEXT NOT NULL,
    last_shipped_at       TEXT,
    last_error            TEXT NOT NULL DEFAULT '',
    shipped_through_batch INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
