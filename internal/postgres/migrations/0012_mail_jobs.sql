-- One queue: mail becomes jobs of kind 'mail' and mail_outbox goes. Each
-- message keeps its id (the job's id, from which its Message-ID header is
-- made), its tenant, its times and its delivery state: a sent message is a
-- done job whose result says where it went (smtp or local), a failed one
-- stays failed, a pending one keeps its attempts, its next attempt time and
-- any lease in flight. Migrated messages keep the 20 attempts the outbox
-- promised them; new mail has the queue's default. Listing one kind, newest
-- first (`tenantry mail list`, `tenantry jobs list -kind K`), gets an index.
INSERT INTO jobs (id, tenant_id, kind, dedupe_key, payload, run_at, max_attempts, attempts, locked_until,
                  last_error, result, done_at, failed_at, created_at)
SELECT id, tenant_id, 'mail', NULL,
       jsonb_build_object('to', to_addr, 'subject', subject, 'text', text_body, 'kind', kind),
       next_attempt_at, GREATEST(20, attempts), attempts, locked_until, last_error,
       CASE WHEN sent_at IS NOT NULL THEN delivered_via ELSE '' END,
       sent_at, CASE WHEN sent_at IS NULL THEN failed_at END, created_at
FROM mail_outbox;
DROP TABLE mail_outbox;
CREATE INDEX jobs_kind ON jobs (kind, created_at, id);
