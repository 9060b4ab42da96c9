package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// DefaultBillingGrace is how long a subscription stays past_due after a
// failed payment before it is suspended, unless Options.BillingGrace says.
const DefaultBillingGrace = 7 * 24 * time.Hour

var (
	errSubscriptionNotActive = errs.E(errs.Conflict, "subscription_not_active",
		"Only an active or trialing subscription can change plans; settle its payment, or reactivate the tenant, first.")
	errPlatformOnly = errs.E(errs.Forbidden, "forbidden", "Only a platform admin may do this.")
)

// billingTenant returns the tenant a billing request acts on, once p may
// perform action there: the tenant named (a platform admin: any tenant;
// anyone else: their own), else the tenant of p's scoped token. Another
// tenant answers like a missing one.
func (a *App) billingTenant(ctx context.Context, p *auth.Principal, tenantID string, action membership.Action) (string, error) {
	if tenantID == "" {
		tenantID = p.TenantID
	}
	if tenantID == "" {
		return "", errs.Fields(errs.FieldError{Field: "tenant_id", Code: "required",
			Message: "Name the tenant, or use a tenant-scoped token."})
	}
	if _, err := a.authorize(ctx, p, tenantID, action); err != nil {
		return "", err
	}
	return tenantID, nil
}

// platformOnly refuses anyone but a platform admin an action of the
// permission table that names no tenant role (an API key hears about its
// scopes, as everywhere).
func platformOnly(p *auth.Principal, action membership.Action) error {
	switch {
	case p.PlatformAdmin:
		return nil
	case p.IsAPIKey():
		return keyMay(p, action)
	}
	return errPlatformOnly
}

// lockBilling serializes the billing changes of one tenant: plan changes,
// rollovers and payment outcomes read the subscription and write it back.
func lockBilling(ctx context.Context, tx *store.Tx, tenantID string) error {
	return tx.Lock(ctx, "billing:"+tenantID)
}

// subscriptionErr turns a tenant without a subscription into the tenant
// not found it is.
func subscriptionErr(err error) error {
	if errs.CodeOf(err) == "subscription_not_found" {
		return errTenantNotFound
	}
	return err
}
