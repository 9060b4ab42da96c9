package membership

// Configuration (package setting): every member reads the merged view of
// the tenant's configuration (front ends need its feature flags and
// branding), as do API keys with config:read; owner and tenant_admin change
// the tenant's own values; platform admins alone change global and plan
// values and define keys.
const (
	ConfigRead   Action = "config.read"
	ConfigUpdate Action = "config.update"
	ConfigAdmin  Action = "config.admin"
)
