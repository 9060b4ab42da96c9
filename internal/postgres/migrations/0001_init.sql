-- Tenantry schema, PostgreSQL. Every tenant-owned table has tenant_id first in
-- its primary key (ready to be distributed by tenant), and forced row-level
-- security keyed by the per-transaction setting app.tenant_id. The server
-- works as the role tenantry_app, which owns nothing and so is bound by the
-- policies; app.system = 'on' marks platform-level transactions.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenantry_app') THEN
        BEGIN
            CREATE ROLE tenantry_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'tenantry_app', 'MEMBER') THEN
        EXECUTE format('GRANT tenantry_app TO %I', current_user);
    END IF;
END
$$;

CREATE FUNCTION tenantry_tenant() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.tenant_id', true), '') $$;
CREATE FUNCTION tenantry_system() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.system', true), '') = 'on' $$;

CREATE TABLE tenants (
    id                    text PRIMARY KEY,
    slug                  text NOT NULL,
    name                  text NOT NULL,
    name_key              text NOT NULL,
    email                 text NOT NULL DEFAULT '',
    phone                 text NOT NULL DEFAULT '',
    phone_key             text NOT NULL DEFAULT '',
    description           text NOT NULL DEFAULT '',
    website               text NOT NULL DEFAULT '',
    billing_email         text NOT NULL DEFAULT '',
    logo_url              text NOT NULL DEFAULT '',
    status                text NOT NULL,
    status_reason         text NOT NULL DEFAULT '',
    settings              jsonb NOT NULL DEFAULT '{}',
    registration_id       text NOT NULL DEFAULT '',
    client_partner_id     text,
    client_partner_number text,
    deactivation_id       text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT uq__tenants__slug UNIQUE (slug)
);
CREATE INDEX tenants_name_key ON tenants (name_key);
CREATE INDEX tenants_email_key ON tenants (lower(email));
CREATE INDEX tenants_phone_key ON tenants (phone_key);
CREATE INDEX tenants_created ON tenants (created_at DESC, id DESC);

CREATE TABLE users (
    id                text PRIMARY KEY,
    email             text NOT NULL,
    password_hash     text NOT NULL DEFAULT '',
    first_name        text NOT NULL DEFAULT '',
    last_name         text NOT NULL DEFAULT '',
    phone             text NOT NULL DEFAULT '',
    is_platform_admin boolean NOT NULL DEFAULT false,
    is_active         boolean NOT NULL DEFAULT true,
    sessions_ended_at timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT uq__users__email UNIQUE (email)
);

CREATE TABLE memberships (
    tenant_id  text NOT NULL REFERENCES tenants (id),
    user_id    text NOT NULL REFERENCES users (id),
    id         text NOT NULL,
    role       text NOT NULL,
    outlet_ids jsonb NOT NULL DEFAULT '[]',
    status     text NOT NULL,
    sessions_ended_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE subscriptions (
    tenant_id            text NOT NULL REFERENCES tenants (id),
    id                   text NOT NULL,
    plan                 text NOT NULL,
    status               text NOT NULL,
    trial_ends_at        timestamptz,
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE tenant_changes (
    tenant_id text NOT NULL REFERENCES tenants (id),
    change_id text NOT NULL,
    kind      text NOT NULL,
    ref_id    text NOT NULL,
    previous  text NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, change_id, kind, ref_id)
);

CREATE TABLE refresh_tokens (
    id         text PRIMARY KEY,
    family_id  text NOT NULL,
    user_id    text NOT NULL REFERENCES users (id),
    tenant_id  text NOT NULL DEFAULT '',
    env        text NOT NULL DEFAULT '',
    token_hash text NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL,
    CONSTRAINT uq__refresh_tokens__token_hash UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- Access tokens ended before their expiry (logout); kept until they expire.
CREATE TABLE revoked_access_tokens (
    jti        text PRIMARY KEY,
    user_id    text NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE TABLE signing_keys (
    id             text PRIMARY KEY,
    alg            text NOT NULL,
    public_key     bytea NOT NULL,
    private_sealed text NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE TABLE audit_logs (
    tenant_id     text NOT NULL,
    id            text NOT NULL,
    actor_id      text NOT NULL DEFAULT '',
    actor_email   text NOT NULL DEFAULT '',
    action        text NOT NULL,
    resource_type text NOT NULL DEFAULT '',
    resource_id   text NOT NULL DEFAULT '',
    outcome       text NOT NULL,
    ip            text NOT NULL DEFAULT '',
    user_agent    text NOT NULL DEFAULT '',
    request_id    text NOT NULL DEFAULT '',
    details       jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_logs_id ON audit_logs (id DESC);

-- Row-level security: forced, so that it binds the table owner too.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
    USING (id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (id = tenantry_tenant() OR tenantry_system());

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['memberships', 'subscriptions', 'tenant_changes', 'audit_logs'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = tenantry_tenant() OR tenantry_system())
            WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system())', t);
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA public TO tenantry_app;
GRANT EXECUTE ON FUNCTION tenantry_tenant(), tenantry_system() TO tenantry_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, memberships, subscriptions, tenant_changes,
    refresh_tokens, revoked_access_tokens, signing_keys TO tenantry_app;
-- The audit log is append-only for the application.
GRANT SELECT, INSERT ON audit_logs TO tenantry_app;
