package membership

// Actions on a tenant's statistics and overview: owner and tenant_admin,
// and platform admins for any tenant. An API key reads the statistics with
// the stats:read scope; the overview, which carries the tenant's unpaid
// invoices (as PaymentRead), is never a key's.
const (
	StatsRead    Action = "tenant.stats.read"
	OverviewRead Action = "tenant.overview.read"
)
