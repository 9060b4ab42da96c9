-- Delivery state for the mail worker: where a sent message went (smtp or
-- the local mailbox) and when the worker gave up on one. The due index
-- leaves out sent and failed messages, so claiming stays cheap as the
-- outbox grows. mail_outbox is platform-level (the worker serves every
-- tenant), so it has grants and no row-level security.
ALTER TABLE mail_outbox
    ADD COLUMN delivered_via text NOT NULL DEFAULT '',
    ADD COLUMN failed_at timestamptz;
DROP INDEX mail_outbox_due;
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
