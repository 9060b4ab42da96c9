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
--
-- Tenant-owned with forced row-level security. The triggers are
-- statement-level with transition tables: one aggregated upsert per
-- statement (a 1,000-row INSERT touches each counter once), run as the
-- invoker under the same policy, which lets them write the counters of the
-- transaction's own tenant (or any, in a system transaction). Rows are
-- upserted in key order, so two transactions moving appointments between
-- the same counters in opposite directions queue instead of deadlocking.
CREATE TABLE tenant_counters (
    tenant_id text COLLATE "C" NOT NULL REFERENCES tenants (id),
    kind      text COLLATE "C" NOT NULL,
    period    text COLLATE "C" NOT NULL,
    status    text COLLATE "C" NOT NULL,
    n         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, kind, period, status)
);

ALTER TABLE tenant_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_counters
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_counters TO tenantry_app;

SELECT set_config('app.system', 'on', true);
INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
SELECT tenant_id, 'appointments', start_month, status, COUNT(*) FROM appointments
GROUP BY tenant_id, start_month, status;
INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
SELECT tenant_id, 'customers', '', status, COUNT(*) FROM customers WHERE deleted_at IS NULL
GROUP BY tenant_id, status;
INSERT INTO tenant_counters (tenant_id, kind, period, status, n)
SELECT tenant_id, 'customer_days', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '', COUNT(*)
FROM customers WHERE deleted_at IS NULL
GROUP BY tenant_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD');

-- tenantry_count_appointments adds the statement's new rows and takes away
-- its old ones, per (tenant, start_month, status).
CREATE FUNCTION tenantry_count_appointments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tenant_counters AS c (tenant_id, kind, period, status, n)
        SELECT tenant_id, 'appointments', start_month, status, COUNT(*) FROM new_rows
        GROUP BY tenant_id, start_month, status ORDER BY 1, 3, 4
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO tenant_counters AS c (tenant_id, kind, period, status, n)
        SELECT tenant_id, 'appointments', start_month, status, -COUNT(*) FROM old_rows
        GROUP BY tenant_id, start_month, status ORDER BY 1, 3, 4
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSE
        INSERT INTO tenant_counters AS c (tenant_id, kind, period, status, n)
        SELECT tenant_id, 'appointments', start_month, status, SUM(d) FROM (
            SELECT tenant_id, start_month, status, 1 AS d FROM new_rows
            UNION ALL
            SELECT tenant_id, start_month, status, -1 AS d FROM old_rows) x
        GROUP BY tenant_id, start_month, status HAVING SUM(d) <> 0 ORDER BY 1, 3, 4
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER appointments_count_insert AFTER INSERT ON appointments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenantry_count_appointments();
CREATE TRIGGER appointments_count_update AFTER UPDATE ON appointments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenantry_count_appointments();
CREATE TRIGGER appointments_count_delete AFTER DELETE ON appointments
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenantry_count_appointments();

-- tenantry_count_customers does the same for the live customers, by status
-- and by the UTC day they were created.
CREATE FUNCTION tenantry_count_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tenant_counters AS c (tenant_id, kind, period, status, n)
        SELECT tenant_id, kind, period, status, SUM(d) FROM (
            SELECT tenant_id, 'customers' AS kind, '' AS period, status, 1 AS d FROM new_rows WHERE deleted_at IS NULL
            UNION ALL
            SELECT tenant_id, 'customer_days', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '', 1
            FROM new_rows WHERE deleted_at IS NULL) x
        GROUP BY tenant_id, kind, period, status ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO tenant_counters AS c (tenant_id, kind, period, status, n)
        SELECT tenant_id, kind, period, status, SUM(d) FROM (
            SELECT tenant_id, 'customers' AS kind, '' AS period, status, -1 AS d FROM old_rows WHERE deleted_at IS NULL
            UNION ALL
            SELECT tenant_id, 'customer_days', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '', -1
            FROM old_rows WHERE deleted_at IS NULL) x
        GROUP BY tenant_id, kind, period, status ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSE
        INSERT INTO tenant_counters AS c (tenant_id, kind, period, status, n)
        SELECT tenant_id, kind, period, status, SUM(d) FROM (
            SELECT tenant_id, 'customers' AS kind, '' AS period, status, 1 AS d FROM new_rows WHERE deleted_at IS NULL
            UNION ALL
            SELECT tenant_id, 'customer_days', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '', 1
            FROM new_rows WHERE deleted_at IS NULL
            UNION ALL
            SELECT tenant_id, 'customers', '', status, -1 FROM old_rows WHERE deleted_at IS NULL
            UNION ALL
            SELECT tenant_id, 'customer_days', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '', -1
            FROM old_rows WHERE deleted_at IS NULL) x
        GROUP BY tenant_id, kind, period, status HAVING SUM(d) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, kind, period, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_count_insert AFTER INSERT ON customers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenantry_count_customers();
CREATE TRIGGER customers_count_update AFTER UPDATE ON customers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenantry_count_customers();
CREATE TRIGGER customers_count_delete AFTER DELETE ON customers
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenantry_count_customers();
