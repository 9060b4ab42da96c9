-- Platform administration (issue 9).
--
-- tenant_status_counts keeps the number of tenants in each status, so the
-- admin tenant list's total is one row read instead of a count over every
-- tenant. Triggers keep it exact in the transaction that changes tenants.
CREATE TABLE tenant_status_counts (
    status TEXT PRIMARY KEY,
    n      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO tenant_status_counts (status, n) SELECT status, COUNT(*) FROM tenants GROUP BY status;

CREATE TRIGGER tenants_count_insert AFTER INSERT ON tenants
BEGIN
    INSERT INTO tenant_status_counts (status, n) VALUES (NEW.status, 1)
        ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tenants_count_delete AFTER DELETE ON tenants
BEGIN
    UPDATE tenant_status_counts SET n = n - 1 WHERE status = OLD.status;
END;
CREATE TRIGGER tenants_count_status AFTER UPDATE OF status ON tenants WHEN NEW.status <> OLD.status
BEGIN
    UPDATE tenant_status_counts SET n = n - 1 WHERE status = OLD.status;
    INSERT INTO tenant_status_counts (status, n) VALUES (NEW.status, 1)
        ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;

-- The admin user list: the last successful login, and a lock that refuses
-- logins (kept apart from is_active, which tenant deactivation manages).
ALTER TABLE users ADD COLUMN last_login_at TEXT;
ALTER TABLE users ADD COLUMN is_locked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_created ON users (created_at DESC, id DESC);

-- An action taken under an impersonation token names the platform admin
-- behind it ("" for none).
ALTER TABLE audit_logs ADD COLUMN impersonator_id TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_logs_tenant_action ON audit_logs (tenant_id, action, id);
