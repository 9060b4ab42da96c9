-- Delivery state for the mail worker: where a sent message went (smtp or
-- the local mailbox) and when the worker gave up on one. The due index
-- leaves out sent and failed messages, so claiming stays cheap as the
-- outbox grows.
ALTER TABLE mail_outbox ADD COLUMN delivered_via TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN failed_at TEXT;
DROP INDEX mail_outbox_due;
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
