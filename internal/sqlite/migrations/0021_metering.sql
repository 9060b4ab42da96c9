-- Request metering: what every process counted per tenant per hour, added
-- by each process's flush loop (an upsert that adds, every few seconds).
-- tenant_id '' holds platform-level violations (a bad token, a throttled
-- login); there is no foreign key so that it may.
CREATE TABLE request_meters (
    tenant_id        TEXT NOT NULL,
    hour             TEXT NOT NULL,
    requests         INTEGER NOT NULL DEFAULT 0,
    api_key_requests INTEGER NOT NULL DEFAULT 0,
    violations       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, hour)
);
CREATE INDEX request_meters_hour ON request_meters (hour);
