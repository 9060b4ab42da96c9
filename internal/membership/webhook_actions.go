package membership

// Actions on a tenant's webhook endpoints and their deliveries: owner and
// tenant_admin, and platform admins for any tenant. API keys never: an
// endpoint's creation shows its signing secret, and these rules carry no
// scope.
const (
	WebhookRead   Action = "webhook.read"
	WebhookManage Action = "webhook.manage"
)
