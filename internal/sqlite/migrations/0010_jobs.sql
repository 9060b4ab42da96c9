-- Durable background jobs (package job): written in the transaction of the
-- change that causes them, claimed by a worker with a lease (locked_until),
-- retried with backoff, and kept after they end (done_at or failed_at) so
-- their state stays visible. Platform-level: tenant_id names the tenant
-- concerned, "" for platform work. A pending job's (kind, dedupe_key) is
-- unique, so enqueueing the same work twice while it waits is a no-op.
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    dedupe_key   TEXT,
    payload      TEXT NOT NULL DEFAULT '{}',
    run_at       TEXT NOT NULL,
    max_attempts INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_error   TEXT NOT NULL DEFAULT '',
    result       TEXT NOT NULL DEFAULT '',
    done_at      TEXT,
    failed_at    TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX jobs_pending ON jobs (run_at, id) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND done_at IS NULL AND failed_at IS NULL;
CREATE INDEX jobs_tenant ON jobs (tenant_id, kind, created_at);
