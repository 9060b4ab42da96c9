-- The audit log's hash chain (docs/audit.md). A background sealer takes each
-- tenant's new events in (created_at, id) order, gives each a position in
-- audit_chain (its hash and the running chain hash) and closes the batch
-- with a signed row in audit_seals. Writers never wait for it.
CREATE TABLE audit_seals (
    tenant_id TEXT NOT NULL,
    batch     INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL,
    last_at   TEXT NOT NULL,
    last_id   TEXT NOT NULL,
    key_id    TEXT NOT NULL,
    signature BLOB NOT NULL,
    sealed_at TEXT NOT NULL,
    pruned_at TEXT,
    PRIMARY KEY (tenant_id, batch)
);
CREATE INDEX audit_seals_unpruned ON audit_seals (last_at) WHERE pruned_at IS NULL;

CREATE TABLE audit_chain (
    tenant_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    batch      INTEGER NOT NULL,
    event_id   TEXT NOT NULL,
    event_hash BLOB NOT NULL,
    chain_hash BLOB NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX audit_chain_event ON audit_chain (tenant_id, event_id);

-- How far every tenant's events are sealed: the sealer's starting point
-- after a restart, advanced after each complete round (a platform row).
CREATE TABLE audit_sealer (
    id             integer PRIMARY KEY CHECK (id = 1),
    sealed_through TEXT NOT NULL
);

-- The sealer and the export read a tenant's events in chain order; the
-- sealer finds tenants with new events by time.
CREATE INDEX audit_logs_tenant_time ON audit_logs (tenant_id, created_at, id);
CREATE INDEX audit_logs_time ON audit_logs (created_at);

-- Append-only, except what retention removes: events and positions of a
-- pruned batch, and the batch's pruned_at, set once.
DROP TRIGGER audit_logs_no_delete;
CREATE TRIGGER audit_logs_no_delete BEFORE DELETE ON audit_logs
WHEN NOT EXISTS (SELECT 1 FROM audit_chain c JOIN audit_seals s ON s.tenant_id = c.tenant_id AND s.batch = c.batch
                 WHERE c.tenant_id = OLD.tenant_id AND c.event_id = OLD.id AND s.pruned_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
WHEN NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.tenant_id = OLD.tenant_id AND s.batch = OLD.batch AND s.pruned_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
WHEN OLD.pruned_at IS NOT NULL OR NEW.pruned_at IS NULL OR NEW.tenant_id IS NOT OLD.tenant_id OR NEW.batch IS NOT OLD.batch
  OR NEW.first_seq IS NOT OLD.first_seq OR NEW.last_seq IS NOT OLD.last_seq OR NEW.prev_hash IS NOT OLD.prev_hash
  OR NEW.hash IS NOT OLD.hash OR NEW.last_at IS NOT OLD.last_at OR NEW.last_id IS NOT OLD.last_id
  OR NEW.key_id IS NOT OLD.key_id OR NEW.signature IS NOT OLD.signature OR NEW.sealed_at IS NOT OLD.sealed_at
BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
