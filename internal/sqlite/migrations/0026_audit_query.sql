-- The audit listing's order across tenants (created_at, then id, newest
-- first) is this index's, so that a platform admin's keyset page reads only
-- its own rows; it also serves the time ranges audit_logs_time served. A
-- resource's history (resource_type and resource_id filters) has its own.
CREATE INDEX audit_logs_time_id ON audit_logs (created_at, id);
DROP INDEX audit_logs_time;
CREATE INDEX audit_logs_tenant_resource ON audit_logs (tenant_id, resource_type, resource_id, created_at, id);
