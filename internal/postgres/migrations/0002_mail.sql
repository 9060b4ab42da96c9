-- The mail outbox: messages written in the transaction of the change that
-- causes them, delivered by a background worker.
CREATE TABLE mail_outbox (
    id              text PRIMARY KEY,
    tenant_id       text NOT NULL DEFAULT '',
    to_addr         text NOT NULL,
    subject         text NOT NULL,
    text_body       text NOT NULL,
    kind            text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    locked_until    timestamptz,
    last_error      text NOT NULL DEFAULT '',
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_outbox TO tenantry_app;
