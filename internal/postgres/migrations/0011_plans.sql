-- The plan catalog (package plan): data, not code. Platform-level (no
-- tenant_id): every tenant chooses from the same catalog, which platform
-- admins manage; a plan is archived (archived_at), never deleted, so every
-- subscription keeps the plan it points at. limits maps meters to caps (a
-- meter not named is unlimited); features is the list a pricing page shows.
-- Seeded with the reserva catalog; prices are integer minor units.
CREATE TABLE plans (
    id              text COLLATE "C" PRIMARY KEY,
    code            text COLLATE "C" NOT NULL UNIQUE,
    name            text COLLATE "C" NOT NULL,
    description     text COLLATE "C" NOT NULL DEFAULT '',
    price           bigint NOT NULL DEFAULT 0,
    currency        text COLLATE "C" NOT NULL DEFAULT 'USD',
    billing_cycle   text COLLATE "C" NOT NULL DEFAULT 'MONTHLY',
    trial_days      integer NOT NULL DEFAULT 0,
    features        jsonb NOT NULL DEFAULT '[]',
    limits          jsonb NOT NULL DEFAULT '{}',
    stripe_price_id text COLLATE "C" NOT NULL DEFAULT '',
    sort_order      integer NOT NULL DEFAULT 0,
    archived_at     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
INSERT INTO plans (id, code, name, description, price, currency, billing_cycle, trial_days, features, limits, sort_order, created_at, updated_at) VALUES
('plan_free', 'free', 'Free', 'For a single location getting started.', 0, 'USD', 'MONTHLY', 0,
 '["1 outlet", "5 staff", "100 appointments/month", "1 GB storage"]',
 '{"outlets": 1, "staff": 5, "appointments_per_month": 100, "storage_bytes": 1073741824}', 10, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('plan_basic', 'basic', 'Basic', 'For a growing business with a few locations.', 2900, 'USD', 'MONTHLY', 14,
 '["3 outlets", "15 staff", "500 appointments/month", "10 GB storage"]',
 '{"outlets": 3, "staff": 15, "appointments_per_month": 500, "storage_bytes": 10737418240}', 20, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('plan_pro', 'pro', 'Pro', 'For established businesses with many locations.', 9900, 'USD', 'MONTHLY', 14,
 '["10 outlets", "50 staff", "2000 appointments/month", "50 GB storage"]',
 '{"outlets": 10, "staff": 50, "appointments_per_month": 2000, "storage_bytes": 53687091200}', 30, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
('plan_enterprise', 'enterprise', 'Enterprise', 'Unlimited, with white label.', 29900, 'USD', 'MONTHLY', 0,
 '["Unlimited outlets", "Unlimited staff", "Unlimited appointments", "Unlimited storage", "White label"]',
 '{}', 40, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
GRANT SELECT, INSERT, UPDATE ON plans TO tenantry_app;
