-- The audit log's hash chain (docs/audit.md). A background sealer takes each
-- tenant's new events in (created_at, id) order, gives each a position in
-- audit_chain (its hash and the running chain hash) and closes the batch
-- with a signed row in audit_seals. Writers never wait for it.
CREATE TABLE audit_seals (
    tenant_id text COLLATE "C" NOT NULL,
    batch     bigint NOT NULL,
    first_seq bigint NOT NULL,
    last_seq  bigint NOT NULL,
    prev_hash bytea NOT NULL,
    hash      bytea NOT NULL,
    last_at   timestamptz NOT NULL,
    last_id   text COLLATE "C" NOT NULL,
    key_id    text COLLATE "C" NOT NULL,
    signature bytea NOT NULL,
    sealed_at timestamptz NOT NULL,
    pruned_at timestamptz,
    PRIMARY KEY (tenant_id, batch)
);
CREATE INDEX audit_seals_unpruned ON audit_seals (last_at) WHERE pruned_at IS NULL;

CREATE TABLE audit_chain (
    tenant_id  text COLLATE "C" NOT NULL,
    seq        bigint NOT NULL,
    batch      bigint NOT NULL,
    event_id   text COLLATE "C" NOT NULL,
    event_hash bytea NOT NULL,
    chain_hash bytea NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX audit_chain_event ON audit_chain (tenant_id, event_id);

-- How far every tenant's events are sealed: the sealer's starting point
-- after a restart, advanced after each complete round (a platform row).
CREATE TABLE audit_sealer (
    id             integer PRIMARY KEY CHECK (id = 1),
    sealed_through timestamptz NOT NULL
);

-- The sealer and the export read a tenant's events in chain order; the
-- sealer finds tenants with new events by time.
CREATE INDEX audit_logs_tenant_time ON audit_logs (tenant_id, created_at, id);
CREATE INDEX audit_logs_time ON audit_logs (created_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['audit_seals', 'audit_chain'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = tenantry_tenant() OR tenantry_system())
            WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system())', t);
    END LOOP;
END
$$;

-- Append-only, except what retention removes: events and positions of a
-- pruned batch, and the batch's pruned_at, set once.
-- (One function per table: PL/pgSQL resolves OLD's fields by its table.)
CREATE FUNCTION tenantry_audit_logs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_chain c JOIN audit_seals s ON s.tenant_id = c.tenant_id AND s.batch = c.batch
            WHERE c.tenant_id = OLD.tenant_id AND c.event_id = OLD.id AND s.pruned_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only';
END
$$;
CREATE FUNCTION tenantry_audit_chain_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_seals s
            WHERE s.tenant_id = OLD.tenant_id AND s.batch = OLD.batch AND s.pruned_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_chain is append-only';
END
$$;
CREATE FUNCTION tenantry_audit_seals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.pruned_at IS NULL AND NEW.pruned_at IS NOT NULL THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_seals is append-only';
END
$$;
CREATE TRIGGER audit_logs_no_delete BEFORE DELETE ON audit_logs FOR EACH ROW EXECUTE FUNCTION tenantry_audit_logs_guard();
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION tenantry_audit_chain_guard();
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals FOR EACH ROW EXECUTE FUNCTION tenantry_audit_seals_guard();

GRANT SELECT, INSERT, DELETE ON audit_chain TO tenantry_app;
GRANT SELECT, INSERT ON audit_seals TO tenantry_app;
GRANT SELECT, INSERT, UPDATE ON audit_sealer TO tenantry_app;
GRANT UPDATE (pruned_at) ON audit_seals TO tenantry_app;
GRANT DELETE ON audit_logs TO tenantry_app;
GRANT EXECUTE ON FUNCTION tenantry_audit_logs_guard(), tenantry_audit_chain_guard(), tenantry_audit_seals_guard() TO tenantry_app;
