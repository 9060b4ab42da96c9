-- Durable background jobs (package job): written in the transaction of the
-- change that causes them, claimed by a worker with a lease (locked_until),
-- retried with backoff, and kept after they end (done_at or failed_at) so
-- their state stays visible. Platform-level like the mail outbox: one queue
-- serves every tenant and only the system worker reads it, so it has grants
-- and no row-level security; tenant_id names the tenant concerned, "" for
-- platform work. A pending job's (kind, dedupe_key) is unique, so enqueueing
-- the same work twice while it waits is a no-op.
CREATE TABLE jobs (
    id           text COLLATE "C" PRIMARY KEY,
    tenant_id    text COLLATE "C" NOT NULL DEFAULT '',
    kind         text COLLATE "C" NOT NULL,
    dedupe_key   text COLLATE "C",
    payload      jsonb NOT NULL DEFAULT '{}',
    run_at       timestamptz NOT NULL,
    max_attempts integer NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    last_error   text COLLATE "C" NOT NULL DEFAULT '',
    result       text COLLATE "C" NOT NULL DEFAULT '',
    done_at      timestamptz,
    failed_at    timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX jobs_pending ON jobs (run_at, id) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND done_at IS NULL AND failed_at IS NULL;
CREATE INDEX jobs_tenant ON jobs (tenant_id, kind, created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs TO tenantry_app;
