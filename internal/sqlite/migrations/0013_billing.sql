-- Billing (package plan): a tenant keeps one subscription for its life and
-- plan changes, renewals and payment outcomes update it. A downgrade waits
-- for the period's end (scheduled_plan, scheduled_at); a failed payment
-- makes it past_due from past_due_since until paid or, after the grace
-- period, suspended. provider names who bills it ('none': nothing to call,
-- payments recorded as paid) with the provider's own ids of the customer
-- and the subscription; trialed lists the plan codes whose trial the tenant
-- has had (a trial is given once per plan).
ALTER TABLE subscriptions ADD COLUMN scheduled_plan TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN scheduled_at TEXT;
ALTER TABLE subscriptions ADD COLUMN past_due_since TEXT;
ALTER TABLE subscriptions ADD COLUMN provider TEXT NOT NULL DEFAULT 'none';
ALTER TABLE subscriptions ADD COLUMN provider_customer_id TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN provider_subscription_id TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN trialed TEXT NOT NULL DEFAULT '[]';
CREATE INDEX subscriptions_plan ON subscriptions (plan);

-- Payments: the invoices of a tenant's subscription and what became of
-- them, one per charged period. Tenant-owned. provider_ref is the
-- provider's reference (an invoice id), '' for provider 'none'.
CREATE TABLE payments (
    tenant_id       TEXT NOT NULL REFERENCES tenants (id),
    id              TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    plan_id         TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    status          TEXT NOT NULL,
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    provider        TEXT NOT NULL DEFAULT 'none',
    provider_ref    TEXT NOT NULL DEFAULT '',
    failure_reason  TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX payments_recent ON payments (tenant_id, created_at, id);
CREATE INDEX payments_ref ON payments (tenant_id, provider, provider_ref);

-- Periods roll over by a job due at their end, enqueued when a period
-- starts; the subscriptions that exist already get theirs here (the key is
-- the one the application gives: subscription id @ period end).
INSERT INTO jobs (id, tenant_id, kind, dedupe_key, payload, run_at, max_attempts, created_at)
SELECT 'job_0013_' || s.tenant_id || '_' || s.id, s.tenant_id, 'billing.rollover', s.id || '@' || s.current_period_end,
       json_object('subscription_id', s.id, 'period_end', s.current_period_end), s.current_period_end, 16, s.current_period_start
FROM subscriptions s
WHERE s.status IN ('active', 'trialing')
  AND s.id = (SELECT MAX(x.id) FROM subscriptions x WHERE x.tenant_id = s.tenant_id)
ON CONFLICT DO NOTHING;
