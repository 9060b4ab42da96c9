-- Login tokens (issue 12, the pers seed's "extra login requirement"): a
-- tenant whose auth.login_token_required is on accepts a sign-in (password,
-- email code, tenant selection) only with a fresh one, which its key holders
-- mint (POST /api/v1/login-tokens, pers GET /tenants/login-token). Only the
-- token's SHA-256 is stored; it lives five minutes and is spent by the first
-- sign-in attempt that presents it, whatever that attempt's outcome.
-- Tenant-owned: erased with the tenant; expired rows are purged when the
-- tenant mints the next.
CREATE TABLE login_tokens (
    tenant_id  text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id         text COLLATE "C" NOT NULL,
    token_hash text COLLATE "C" NOT NULL,
    issued_by  text COLLATE "C" NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX login_tokens_hash ON login_tokens (tenant_id, token_hash);

ALTER TABLE login_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON login_tokens
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE, DELETE ON login_tokens TO tenantry_app;
