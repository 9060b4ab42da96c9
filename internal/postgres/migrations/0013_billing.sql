-- Billing (package plan): a tenant keeps one subscription for its life and
-- plan changes, renewals and payment outcomes update it. A downgrade waits
-- for the period's end (scheduled_plan, scheduled_at); a failed payment
-- makes it past_due from past_due_since until paid or, after the grace
-- period, suspended. provider names who bills it ('none': nothing to call,
-- payments recorded as paid) with the provider's own ids of the customer
-- and the subscription; trialed lists the plan codes whose trial the tenant
-- has had (a trial is given once per plan).
ALTER TABLE subscriptions
    ADD COLUMN scheduled_plan text COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN scheduled_at timestamptz,
    ADD COLUMN past_due_since timestamptz,
    ADD COLUMN provider text COLLATE "C" NOT NULL DEFAULT 'none',
    ADD COLUMN provider_customer_id text COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN provider_subscription_id text COLLATE "C" NOT NULL DEFAULT '',
    ADD COLUMN trialed jsonb NOT NULL DEFAULT '[]';
CREATE INDEX subscriptions_plan ON subscriptions (plan);

-- Payments: the invoices of a tenant's subscription and what became of
-- them, one per charged period. Tenant-owned: tenant_id first in the key,
-- forced row-level security. provider_ref is the provider's reference (an
-- invoice id), '' for provider 'none'.
CREATE TABLE payments (
    tenant_id       text COLLATE "C" NOT NULL REFERENCES tenants (id),
    id              text COLLATE "C" NOT NULL,
    subscription_id text COLLATE "C" NOT NULL,
    plan_id         text COLLATE "C" NOT NULL,
    amount          bigint NOT NULL,
    currency        text COLLATE "C" NOT NULL,
    status          text COLLATE "C" NOT NULL,
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    provider        text COLLATE "C" NOT NULL DEFAULT 'none',
    provider_ref    text COLLATE "C" NOT NULL DEFAULT '',
    failure_reason  text COLLATE "C" NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX payments_recent ON payments (tenant_id, created_at, id);
CREATE INDEX payments_ref ON payments (tenant_id, provider, provider_ref);

ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payments
    USING (tenant_id = tenantry_tenant() OR tenantry_system())
    WITH CHECK (tenant_id = tenantry_tenant() OR tenantry_system());

GRANT SELECT, INSERT, UPDATE ON payments TO tenantry_app;

-- Periods roll over by a job due at their end, enqueued when a period
-- starts; the subscriptions that exist already get theirs here (the key is
-- the one the application gives: subscription id @ period end, in the
-- store's fixed-width UTC layout). The backfill reads every tenant's
-- subscription, so it runs as the system for this transaction.
SELECT set_config('app.system', 'on', true);
INSERT INTO jobs (id, tenant_id, kind, dedupe_key, payload, run_at, max_attempts, created_at)
SELECT 'job_0013_' || s.tenant_id || '_' || s.id, s.tenant_id, 'billing.rollover', s.id || '@' || e.at,
       jsonb_build_object('subscription_id', s.id, 'period_end', e.at), s.current_period_end, 16, s.current_period_start
FROM subscriptions s
CROSS JOIN LATERAL (SELECT to_char(s.current_period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at) e
WHERE s.status IN ('active', 'trialing')
  AND s.id = (SELECT MAX(x.id) FROM subscriptions x WHERE x.tenant_id = s.tenant_id)
ON CONFLICT DO NOTHING;
