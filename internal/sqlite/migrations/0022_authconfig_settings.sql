-- The authentication configuration becomes configuration keys (package
-- setting), one source of truth for the supertokens auth-config, its
-- core_config and /configs: every field a tenant set moves to
-- tenant_settings as its auth.* key (tenant-wide), the public tenant's to
-- the global layer, which every tenant inherits as it inherited the public
-- tenant's row. Lifetimes were seconds and become duration strings.
-- auth_configs keeps only the third-party providers, whose client secrets
-- are sealed and never live among settings.
CREATE TEMPORARY TABLE auth_config_moves AS
SELECT tenant_id, updated_at, k, v FROM (
    SELECT tenant_id, updated_at, 'auth.email_password_enabled' AS k,
           CASE email_password_enabled WHEN 1 THEN 'true' WHEN 0 THEN 'false' END AS v FROM auth_configs
    UNION ALL SELECT tenant_id, updated_at, 'auth.passwordless_enabled',
           CASE passwordless_enabled WHEN 1 THEN 'true' WHEN 0 THEN 'false' END FROM auth_configs
    UNION ALL SELECT tenant_id, updated_at, 'auth.third_party_enabled',
           CASE third_party_enabled WHEN 1 THEN 'true' WHEN 0 THEN 'false' END FROM auth_configs
    UNION ALL SELECT tenant_id, updated_at, 'auth.first_factors', first_factors FROM auth_configs
    UNION ALL SELECT tenant_id, updated_at, 'auth.required_secondary_factors', required_secondary_factors FROM auth_configs
    UNION ALL SELECT tenant_id, updated_at, 'auth.access_token_validity',
           '"' || access_token_validity || 's"' FROM auth_configs
    UNION ALL SELECT tenant_id, updated_at, 'auth.refresh_token_validity',
           '"' || refresh_token_validity || 's"' FROM auth_configs
) WHERE v IS NOT NULL AND v <> 'null';

INSERT INTO platform_settings (scope, scope_id, key, value, is_locked, updated_by, updated_at)
SELECT 'global', '', k, v, 0, '', updated_at FROM auth_config_moves WHERE tenant_id = 'public'
ON CONFLICT (scope, scope_id, key) DO NOTHING;

INSERT INTO tenant_settings (tenant_id, environment, key, value, is_locked, updated_by, updated_at)
SELECT tenant_id, '', k, v, 0, '', updated_at FROM auth_config_moves WHERE tenant_id <> 'public'
ON CONFLICT (tenant_id, environment, key) DO NOTHING;

DROP TABLE auth_config_moves;

ALTER TABLE auth_configs DROP COLUMN email_password_enabled;
ALTER TABLE auth_configs DROP COLUMN passwordless_enabled;
ALTER TABLE auth_configs DROP COLUMN third_party_enabled;
ALTER TABLE auth_configs DROP COLUMN first_factors;
ALTER TABLE auth_configs DROP COLUMN required_secondary_factors;
ALTER TABLE auth_configs DROP COLUMN access_token_validity;
ALTER TABLE auth_configs DROP COLUMN refresh_token_validity;
