-- Row-level security evaluated once per statement (issue 13): every
-- tenant_isolation policy compares rows with tenantry_tenant() and
-- tenantry_system(), STABLE functions PostgreSQL calls again for every row
-- it filters (a deep page of the platform's tenant list passed 99,000
-- index entries through them: about 10 ms of 25). Wrapped in a scalar
-- subquery each becomes an InitPlan, computed once per statement — the same
-- values, since a statement cannot change its transaction's settings — and
-- the comparison is with a parameter, which index conditions can still use.
-- The policies' meaning is unchanged (tables_rls_test.go proves it as
-- before, and that every policy keeps the wrapped form).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT tablename, policyname, qual, with_check FROM pg_policies
             WHERE schemaname = 'public' AND policyname = 'tenant_isolation' LOOP
        EXECUTE format('ALTER POLICY %I ON %I USING (%s)', r.policyname, r.tablename,
            replace(replace(r.qual, 'tenantry_tenant()', '(SELECT tenantry_tenant())'),
                'tenantry_system()', '(SELECT tenantry_system())'));
        IF r.with_check IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', r.policyname, r.tablename,
                replace(replace(r.with_check, 'tenantry_tenant()', '(SELECT tenantry_tenant())'),
                    'tenantry_system()', '(SELECT tenantry_system())'));
        END IF;
    END LOOP;
END $$;
