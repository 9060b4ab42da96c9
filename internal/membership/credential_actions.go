package membership

// Actions on a tenant's own payment gateway credentials (Paper.id, Stripe):
// owner and tenant_admin, and platform admins for any tenant. API keys never
// read or change them: these rules carry no scope.
const (
	CredentialRead   Action = "tenant.credentials.read"
	CredentialUpdate Action = "tenant.credentials.update"
)
