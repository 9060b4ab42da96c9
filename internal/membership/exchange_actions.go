package membership

// TenantExport is exporting a tenant's complete data (GET
// /api/v1/tenants/{tenant_id}/export): owner and tenant_admin, and platform
// admins for any tenant. API keys never: the rule carries no scope.
const TenantExport Action = "tenant.export"
