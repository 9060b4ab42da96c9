package membership

// Billing actions: the plan catalog is managed by platform admins only; a
// tenant's subscription and payments by its owner and tenant admins (and
// platform admins for any tenant).
const (
	PlanManage         Action = "plan.manage"
	SubscriptionRead   Action = "subscription.read"
	SubscriptionChange Action = "subscription.change"
	PaymentRead        Action = "payment.read"
)
