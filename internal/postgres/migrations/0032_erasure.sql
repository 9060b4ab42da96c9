-- Deliberate erasure (docs/admin.md "Erasure"). A platform-level tombstone
-- per erased tenant: it keeps the slug reserved forever and names who
-- erased it, when and why. Its column is erased_tenant_id, not tenant_id:
-- the row belongs to the platform and outlives the tenant, so it has
-- grants and no row-level security. state is pending (requested, the job
-- queued), erasing (only ever seen inside the erase transaction, which
-- sets erased before it commits) or erased.
CREATE TABLE tenant_erasures (
    erased_tenant_id    text COLLATE "C" PRIMARY KEY,
    slug                text COLLATE "C" NOT NULL,
    requested_by        text COLLATE "C" NOT NULL DEFAULT '',
    requested_by_email  text COLLATE "C" NOT NULL DEFAULT '',
    reason              text COLLATE "C" NOT NULL DEFAULT '',
    forced              boolean NOT NULL DEFAULT false,
    export_completed_at timestamptz,
    job_id              text COLLATE "C" NOT NULL,
    state               text COLLATE "C" NOT NULL,
    rows_deleted        bigint NOT NULL DEFAULT 0,
    users_deleted       bigint NOT NULL DEFAULT 0,
    requested_at        timestamptz NOT NULL,
    erased_at           timestamptz,
    CONSTRAINT uq__tenant_erasures__slug UNIQUE (slug)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_erasures TO tenantry_app;

-- A person's erasure rewrites their identifiers in sealed audit events to a
-- pseudonym. Each rewritten event gets a row here, in the same
-- transaction: the hash the event was sealed with (original_hash) and the
-- hash of its rewritten form (redacted_hash). The verifier accepts a sealed
-- event whose hash is redacted_hash when original_hash is what its chain
-- position holds, and reports it as redacted. pending is true only inside
-- the erasing transaction: the append-only guard lets an event change then
-- and never otherwise. Tenant-owned: erased with the tenant.
CREATE TABLE audit_redactions (
    tenant_id     text COLLATE "C" NOT NULL,
    event_id      text COLLATE "C" NOT NULL,
    original_hash bytea NOT NULL,
    redacted_hash bytea NOT NULL DEFAULT '',
    pseudonym     text COLLATE "C" NOT NULL,
    pending       boolean NOT NULL DEFAULT false,
    redacted_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);
ALTER TABLE audit_redactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_redactions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_redactions
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());
GRANT SELECT, INSERT, UPDATE, DELETE ON audit_redactions TO tenantry_app;

-- tenantry_erasing reports whether tenantID's erasure is in progress: true
-- only inside the erase transaction (it sets the state erased before it
-- commits), so the guards below open for exactly that transaction.
CREATE FUNCTION tenantry_erasing(tenant_id text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT EXISTS (SELECT 1 FROM tenant_erasures e WHERE e.erased_tenant_id = $1 AND e.state = 'erasing') $$;

-- The append-only guards (0025) keep refusing every change, except the rows
-- of a tenant being erased in this transaction.
CREATE OR REPLACE FUNCTION tenantry_audit_logs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF tenantry_erasing(OLD.tenant_id) OR EXISTS (SELECT 1 FROM audit_chain c JOIN audit_seals s ON s.tenant_id = c.tenant_id AND s.batch = c.batch
            WHERE c.tenant_id = OLD.tenant_id AND c.event_id = OLD.id AND s.pruned_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only';
END
$$;
CREATE OR REPLACE FUNCTION tenantry_audit_chain_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF tenantry_erasing(OLD.tenant_id) OR EXISTS (SELECT 1 FROM audit_seals s
            WHERE s.tenant_id = OLD.tenant_id AND s.batch = OLD.batch AND s.pruned_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_chain is append-only';
END
$$;

-- An audit event changes only while its redaction is pending, and only in
-- its identifier fields (the column grant below names them).
CREATE FUNCTION tenantry_audit_logs_update_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_redactions r WHERE r.tenant_id = OLD.tenant_id AND r.event_id = OLD.id AND r.pending) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only';
END
$$;
CREATE TRIGGER audit_logs_no_update BEFORE UPDATE ON audit_logs FOR EACH ROW EXECUTE FUNCTION tenantry_audit_logs_update_guard();
GRANT UPDATE (actor_id, actor_email, resource_id, ip, user_agent, details, impersonator_id) ON audit_logs TO tenantry_app;

-- Tables the application never deletes from (seals, API keys kept for the
-- audit trail, payments, soft-deleted services and staff, credentials,
-- meters) may lose the rows of a tenant being erased, and nothing else.
CREATE FUNCTION tenantry_erasure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF tenantry_erasing(OLD.tenant_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% keeps its rows (only a tenant erasure deletes them)', TG_TABLE_NAME;
END
$$;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['audit_seals', 'api_keys', 'payments', 'services', 'staff', 'gateway_credentials', 'request_meters'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION tenantry_erasure_guard()', t || '_erasure_only', t);
        EXECUTE format('GRANT DELETE ON %I TO tenantry_app', t);
    END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION tenantry_erasing(text), tenantry_audit_logs_update_guard(), tenantry_erasure_guard() TO tenantry_app;
