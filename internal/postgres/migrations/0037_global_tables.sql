-- Where each table lives when the database is distributed by tenant
-- (Citus, docs/citus.md). A tenant-owned table has tenant_id in every
-- primary and unique key, forced row-level security, and is distributed by
-- tenant_id, colocated with tenants (distributed by id). Three tables have a
-- tenant_id column that is not their owner: they are deliberately global,
-- which their comment says ("global:" a reference table on Citus, copied to
-- every node; "local:" a table kept on the coordinator only). The comment is
-- what `tenantry migrate` reads to place them, and what tables_rls_test.go
-- accepts instead of forced row-level security. Their keys stay as they are.
--
-- refresh_tokens: a refresh request presents only its token, so the token's
-- row is found by token_hash before any tenant is known; the session is the
-- user's (a global session has tenant_id ''), and the user is global too.
COMMENT ON TABLE refresh_tokens IS 'global: sessions belong to users; a refresh presents only its token (found by token_hash before any tenant is known), and a global session has tenant_id ''''';
-- mfa_challenges: the second step of a login presents only its challenge
-- token, before the login has a tenant; tenant_id is where the login goes.
COMMENT ON TABLE mfa_challenges IS 'global: a login''s second step belongs to the user signing in and presents only its token; tenant_id is where the login goes';
-- jobs (which replaced mail_outbox in 0012): one queue for the platform,
-- claimed by the system worker with FOR UPDATE SKIP LOCKED across every
-- tenant; tenant_id names the tenant concerned, '' for platform work. It
-- joins no tenant table, so it stays a plain table on the coordinator.
COMMENT ON TABLE jobs IS 'local: the platform''s job queue (mail included), claimed across tenants by the system worker; tenant_id names the tenant concerned, '''' for platform work';
