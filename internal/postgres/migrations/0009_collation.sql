-- Text compares and sorts by code point, as on SQLite, whatever collation the
-- database was created with: every text column is collated "C" (SQLite's
-- default collation, BINARY, is the same order for UTF-8). Under an English
-- default collation "école" sorted before "zeta spa" here and after it on
-- SQLite, and ids could sort out of time order under some languages'
-- collations. Each table's indexes are rebuilt with its columns, so they still
-- serve the sorts. A column named by a policy cannot change, so each table's
-- row-level security policies are dropped and recreated as they were, all in
-- this migration's transaction.
--
-- New tables declare their text columns `text COLLATE "C"`; the catalog test
-- TestTextIsCollatedC fails on any text column or index key that does not.
DO $$
DECLARE
    tables text[] := ARRAY['schema_migrations', 'tenants', 'users', 'memberships', 'subscriptions',
        'tenant_changes', 'refresh_tokens', 'revoked_access_tokens', 'signing_keys', 'audit_logs',
        'mail_outbox', 'user_pictures', 'otp_codes', 'password_resets', 'password_stamps', 'auth_configs',
        'user_totp', 'user_recovery_codes', 'mfa_challenges', 'outlets', 'invites', 'api_keys'];
    c_collation oid := (SELECT oid FROM pg_collation WHERE collname = 'C' AND collnamespace = 'pg_catalog'::regnamespace);
    policies text[] := '{}';
    p record;
    t record;
    s text;
BEGIN
    FOR p IN SELECT * FROM pg_policies WHERE schemaname = current_schema() AND tablename = ANY (tables) LOOP
        policies := policies || format('CREATE POLICY %I ON %I AS %s FOR %s TO %s%s%s',
            p.policyname, p.tablename, p.permissive, p.cmd,
            (SELECT string_agg(CASE WHEN r = 'public' THEN 'PUBLIC' ELSE quote_ident(r) END, ', ') FROM unnest(p.roles) AS r),
            CASE WHEN p.qual IS NOT NULL THEN ' USING (' || p.qual || ')' ELSE '' END,
            CASE WHEN p.with_check IS NOT NULL THEN ' WITH CHECK (' || p.with_check || ')' ELSE '' END);
        EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    END LOOP;
    FOR t IN SELECT cl.relname,
            string_agg(format('ALTER COLUMN %I TYPE %s COLLATE "C"', a.attname, format_type(a.atttypid, a.atttypmod)), ', '
                ORDER BY a.attnum) AS changes
        FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid
        WHERE cl.relnamespace = current_schema()::regnamespace AND cl.relkind IN ('r', 'p') AND cl.relname = ANY (tables)
          AND a.attnum > 0 AND NOT a.attisdropped AND a.attcollation NOT IN (0, c_collation)
        GROUP BY cl.relname
    LOOP
        EXECUTE format('ALTER TABLE %I %s', t.relname, t.changes);
    END LOOP;
    FOREACH s IN ARRAY policies LOOP
        EXECUTE s;
    END LOOP;
END
$$;
