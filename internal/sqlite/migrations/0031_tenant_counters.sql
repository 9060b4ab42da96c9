-- Tenant statistics (issue 11): counters kept by triggers in the
-- transaction that changes the rows they count, so that the statistics
-- read a handful of rows however many appointments and customers a tenant
-- has. Every writer (the application, the importer, the bench seeder) keeps
-- them exact without knowing of them; store.RecountStats counts the same
-- figures from the rows, and a conformance case holds the two equal.
--
-- kind 'appointments': period is start_month ('2026-12'), status the
-- appointment's status, n its appointments.
-- kind 'customers': period '', status the customer's status, n its live
-- (not deleted) customers.
-- kind 'customer_days': period the UTC day of created_at ('2026-12-03'),
-- status '', n the live customers created that day (the recent sign-ups
-- are the days of the window, which starts at a UTC midnight).
CREATE TABLE tenant_counters (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    kind      TEXT NOT NULL,
    period    TEXT NOT NULL,
    status    TEXT NOT NULL,
    n         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, kind, period, status)
);

INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
SELECT tenant_id, 'appointments', start_month, status, COUNT(*) FROM appointments
GROUP BY tenant_id, start_month, status;
INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
SELECT tenant_id, 'customers', '', status, COUNT(*) FROM customers WHERE deleted_at IS NULL
GROUP BY tenant_id, status;
INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
SELECT tenant_id, 'customer_days', substr(created_at, 1, 10), '', COUNT(*) FROM customers WHERE deleted_at IS NULL
GROUP BY tenant_id, substr(created_at, 1, 10);

CREATE TRIGGER appointments_count_insert AFTER INSERT ON appointments
BEGIN
    INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
    VALUES (NEW.tenant_id, 'appointments', NEW.start_month, NEW.status, 1)
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER appointments_count_delete AFTER DELETE ON appointments
BEGIN
    UPDATE tenant_counters SET n = n - 1
    WHERE tenant_id = OLD.tenant_id AND kind = 'appointments' AND period = OLD.start_month AND status = OLD.status;
END;
CREATE TRIGGER appointments_count_update AFTER UPDATE OF tenant_id, start_month, status ON appointments
    WHEN NEW.tenant_id IS NOT OLD.tenant_id OR NEW.start_month IS NOT OLD.start_month OR NEW.status IS NOT OLD.status
BEGIN
    UPDATE tenant_counters SET n = n - 1
    WHERE tenant_id = OLD.tenant_id AND kind = 'appointments' AND period = OLD.start_month AND status = OLD.status;
    INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
    VALUES (NEW.tenant_id, 'appointments', NEW.start_month, NEW.status, 1)
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER customers_count_insert AFTER INSERT ON customers WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
    VALUES (NEW.tenant_id, 'customers', '', NEW.status, 1)
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = n + 1;
    INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
    VALUES (NEW.tenant_id, 'customer_days', substr(NEW.created_at, 1, 10), '', 1)
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customers_count_delete AFTER DELETE ON customers WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE tenant_counters SET n = n - 1
    WHERE tenant_id = OLD.tenant_id AND kind = 'customers' AND period = '' AND status = OLD.status;
    UPDATE tenant_counters SET n = n - 1
    WHERE tenant_id = OLD.tenant_id AND kind = 'customer_days' AND period = substr(OLD.created_at, 1, 10) AND status = '';
END;
CREATE TRIGGER customers_count_update AFTER UPDATE OF tenant_id, status, deleted_at, created_at ON customers
    WHEN NEW.tenant_id IS NOT OLD.tenant_id OR NEW.status IS NOT OLD.status
      OR (NEW.deleted_at IS NULL) <> (OLD.deleted_at IS NULL) OR NEW.created_at IS NOT OLD.created_at
BEGIN
    UPDATE tenant_counters SET n = n - 1
    WHERE OLD.deleted_at IS NULL AND tenant_id = OLD.tenant_id AND kind = 'customers' AND period = ''
      AND status = OLD.status;
    UPDATE tenant_counters SET n = n - 1
    WHERE OLD.deleted_at IS NULL AND tenant_id = OLD.tenant_id AND kind = 'customer_days'
      AND period = substr(OLD.created_at, 1, 10) AND status = '';
    INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
    SELECT NEW.tenant_id, 'customers', '', NEW.status, 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = n + 1;
    INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
    SELECT NEW.tenant_id, 'customer_days', substr(NEW.created_at, 1, 10), '', 1 WHERE NEW.deleted_at IS NULL
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = n + 1;
END;

