-- The authentication configuration becomes configuration keys (package
-- setting), one source of truth for the supertokens auth-config, its
-- core_config and /configs: every field a tenant set moves to
-- tenant_settings as its auth.* key (tenant-wide), the public tenant's to
-- the global layer, which every tenant inherits as it inherited the public
-- tenant's row. Lifetimes were seconds and become duration strings.
-- auth_configs keeps only the third-party providers, whose client secrets
-- are sealed and never live among settings.
-- The rows move under forced row-level security: as the system.
SELECT set_config('app.system', 'on', true);

CREATE TEMPORARY TABLE auth_config_moves AS
SELECT a.tenant_id, a.updated_at, f.k, f.v
FROM auth_configs a,
     LATERAL (VALUES ('auth.email_password_enabled', to_jsonb(a.email_password_enabled)),
                     ('auth.passwordless_enabled', to_jsonb(a.passwordless_enabled)),
                     ('auth.third_party_enabled', to_jsonb(a.third_party_enabled)),
                     ('auth.first_factors', a.first_factors),
                     ('auth.required_secondary_factors', a.required_secondary_factors),
                     ('auth.access_token_validity', to_jsonb(a.access_token_validity || 's')),
                     ('auth.refresh_token_validity', to_jsonb(a.refresh_token_validity || 's'))) AS f (k, v)
WHERE f.v IS NOT NULL AND f.v <> 'null'::jsonb;

INSERT INTO platform_settings (scope, scope_id, key, value, is_locked, updated_by, updated_at)
SELECT 'global', '', k, v, false, '', updated_at FROM auth_config_moves WHERE tenant_id = 'public'
ON CONFLICT (scope, scope_id, key) DO NOTHING;

INSERT INTO tenant_settings (tenant_id, environment, key, value, is_locked, updated_by, updated_at)
SELECT tenant_id, '', k, v, false, '', updated_at FROM auth_config_moves WHERE tenant_id <> 'public'
ON CONFLICT (tenant_id, environment, key) DO NOTHING;

DROP TABLE auth_config_moves;

ALTER TABLE auth_configs
    DROP COLUMN email_password_enabled,
    DROP COLUMN passwordless_enabled,
    DROP COLUMN third_party_enabled,
    DROP COLUMN first_factors,
    DROP COLUMN required_secondary_factors,
    DROP COLUMN access_token_validity,
    DROP COLUMN refresh_token_validity;
