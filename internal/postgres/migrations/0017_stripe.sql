-- Stripe webhook events already processed (package payment/stripepay): the
-- webhook records an event's id in the transaction that applies its
-- effects, so a row means they committed, and a redelivery (Stripe
-- delivers at least once) finds the row and changes nothing.
-- Platform-level: events name a Stripe customer, not a tenant, so the table
-- has grants and no row-level security.
CREATE TABLE stripe_events (
    id           text COLLATE "C" PRIMARY KEY,
    type         text COLLATE "C" NOT NULL,
    processed_at timestamptz NOT NULL
);
CREATE INDEX stripe_events_processed ON stripe_events (processed_at);
GRANT SELECT, INSERT, DELETE ON stripe_events TO tenantry_app;
