-- Stripe webhook events already processed (package payment/stripepay): the
-- webhook records an event's id in the transaction that applies its
-- effects, so a row means they committed, and a redelivery (Stripe
-- delivers at least once) finds the row and changes nothing.
-- Platform-level: events name a Stripe customer, not a tenant.
CREATE TABLE stripe_events (
    id           TEXT PRIMARY KEY,
    type         TEXT NOT NULL,
    processed_at TEXT NOT NULL
);
CREATE INDEX stripe_events_processed ON stripe_events (processed_at);
