-- Files a tenant stores (today its logo, uploaded through
-- PUT /api/v1/tenants/{tenant_id}/logo): what the storage_bytes meter
-- counts. content is always bytes the server wrote itself (a re-encoded
-- PNG); size is its length, summed by the meter. Tenant-owned: tenant_id
-- first in the key. A tenant has at most one logo: a replacement deletes
-- the old row and inserts the new one in one transaction.
CREATE TABLE tenant_files (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content      BLOB NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX tenant_files_logo ON tenant_files (tenant_id) WHERE purpose = 'logo';
