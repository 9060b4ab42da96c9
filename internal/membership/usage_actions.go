package membership

// UsageRead reads a tenant's usage of every meter against its plan's
// limits (GET /api/v1/subscriptions/usage): owner and tenant_admin.
const UsageRead Action = "subscription.usage.read"
