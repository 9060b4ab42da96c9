package stripepay

import (
	"context"

	"github.com/stripe/stripe-go/v82"
)

// EnsureCustomer returns the tenant's Stripe customer: existingCustomerID
// when the tenant has one already (no call is made), otherwise a new
// customer with the tenant's email and name and metadata tenant_id. The
// creation's idempotency key is derived from the tenant, so a retry after a
// lost answer returns the same customer instead of a second one.
func (c *Client) EnsureCustomer(ctx context.Context, tenantID, email, name, existingCustomerID string) (string, error) {
	if existingCustomerID != "" {
		return existingCustomerID, nil
	}
	p := &stripe.CustomerCreateParams{Email: stripe.String(email), Name: stripe.String(name)}
	p.AddMetadata("tenant_id", tenantID)
	p.SetIdempotencyKey("tenantry-customer-" + tenantID)
	cus, err := c.sc.V1Customers.Create(ctx, p)
	if err != nil {
		return "", c.fail("EnsureCustomer", err)
	}
	return cus.ID, nil
}
