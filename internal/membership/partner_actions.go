package membership

// TenantPartnerRetry queues the provisioning of a tenant's Paper.id partner
// account again: platform admins only.
const TenantPartnerRetry Action = "tenant.partner.retry"
