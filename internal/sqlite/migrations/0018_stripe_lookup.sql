-- The Stripe webhook finds the tenant of an event by the Stripe customer or
-- subscription it names (store.Tx.SubscriptionByProviderIDs).
CREATE INDEX subscriptions_provider_customer ON subscriptions (provider_customer_id);
CREATE INDEX subscriptions_provider_subscription ON subscriptions (provider_subscription_id);
