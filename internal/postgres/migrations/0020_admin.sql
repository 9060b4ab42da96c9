-- Platform administration (issue 9).
--
-- tenant_status_counts keeps the number of tenants in each status, so the
-- admin tenant list's total is one row read instead of a count over every
-- tenant. A trigger keeps it exact in the transaction that changes tenants;
-- it is platform-level (no tenant_id), so it has grants and no policy.
CREATE TABLE tenant_status_counts (
    status text COLLATE "C" PRIMARY KEY,
    n      bigint NOT NULL DEFAULT 0
);
SELECT set_config('app.system', 'on', true);
INSERT INTO tenant_status_counts (status, n) SELECT status, COUNT(*) FROM tenants GROUP BY status;

-- A status change locks its two counter rows in status order, so that two
-- concurrent opposite changes (active→suspended, suspended→active) queue
-- instead of deadlocking.
CREATE FUNCTION tenantry_count_tenants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO tenant_status_counts (status, n) VALUES (NEW.status, 0) ON CONFLICT (status) DO NOTHING;
        PERFORM 1 FROM tenant_status_counts WHERE status IN (OLD.status, NEW.status) ORDER BY status FOR UPDATE;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE tenant_status_counts SET n = n - 1 WHERE status = OLD.status;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO tenant_status_counts (status, n) VALUES (NEW.status, 1)
            ON CONFLICT (status) DO UPDATE SET n = tenant_status_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER tenants_count AFTER INSERT OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION tenantry_count_tenants();
CREATE TRIGGER tenants_count_status AFTER UPDATE OF status ON tenants
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION tenantry_count_tenants();
GRANT SELECT, INSERT, UPDATE ON tenant_status_counts TO tenantry_app;

-- The admin user list: the last successful login, and a lock that refuses
-- logins (kept apart from is_active, which tenant deactivation manages).
ALTER TABLE users ADD COLUMN last_login_at timestamptz;
ALTER TABLE users ADD COLUMN is_locked boolean NOT NULL DEFAULT false;
CREATE INDEX users_created ON users (created_at DESC, id DESC);

-- An action taken under an impersonation token names the platform admin
-- behind it ("" for none).
ALTER TABLE audit_logs ADD COLUMN impersonator_id text COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX audit_logs_tenant_action ON audit_logs (tenant_id, action, id);
