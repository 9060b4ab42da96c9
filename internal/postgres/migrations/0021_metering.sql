-- Request metering: what every process counted per tenant per hour, added
-- by each process's flush loop (an upsert that adds, every few seconds, in
-- a system transaction). Tenant-owned rows: tenant_id first in the key,
-- forced row-level security, so a tenant transaction (usage) reads only its
-- own meter. tenant_id '' holds platform-level violations (a bad token, a
-- throttled login): no tenant matches it, only the system reads it; there is
-- no foreign key so that it may exist.
CREATE TABLE request_meters (
    tenant_id        text COLLATE "C" NOT NULL,
    hour             timestamptz NOT NULL,
    requests         bigint NOT NULL DEFAULT 0,
    api_key_requests bigint NOT NULL DEFAULT 0,
    violations       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, hour)
);
CREATE INDEX request_meters_hour ON request_meters (hour);

ALTER TABLE request_meters ENABLE ROW LEVEL SECURITY;
ALTER TABLE request_meters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON request_meters
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE ON request_meters TO tenantry_app;
