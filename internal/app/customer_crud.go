package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

var (
	errCustomerScopedOnly = errs.E(errs.Invalid, "scoped_token_required",
		"Customers belong to one tenant: use a tenant-scoped token (POST /api/v1/auth/select-tenant).")
	errCustomerNotFound = errs.E(errs.NotFound, "customer_not_found", "Customer not found.")
)

// customerAccess authorizes p for action on the customers of the tenant of
// its scoped token and returns that tenant. Customers are tenant-wide: no
// role is bound to its outlets for them.
func (a *App) customerAccess(ctx context.Context, p *auth.Principal, action membership.Action) (string, error) {
	if !p.Scoped() {
		return "", errCustomerScopedOnly
	}
	if _, err := a.authorize(ctx, p, p.TenantID, action); err != nil {
		return "", err
	}
	return p.TenantID, nil
}

// customerRefused answers a refusal of p on one customer: a customer p's
// tenant does not have (another tenant's, or none) answers 404 like a
// missing one, whatever p's role; the refusal stands for one that exists.
func (a *App) customerRefused(ctx context.Context, p *auth.Principal, refusal error, customerID string) error {
	return a.conceal(ctx, p, refusal, func(tx *store.Tx) error {
		_, err := tx.GetCustomer(ctx, p.TenantID, customerID)
		return customerErr(err)
	})
}

// GetCustomer returns one live customer of the caller's tenant.
func (a *App) GetCustomer(ctx context.Context, p *auth.Principal, customerID string) (*customer.Customer, error) {
	tenantID, err := a.customerAccess(ctx, p, membership.CustomersRead)
	if err != nil {
		return nil, a.customerRefused(ctx, p, err, customerID)
	}
	var c *customer.Customer
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		c, err = tx.GetCustomer(ctx, tenantID, customerID)
		return err
	})
	return c, customerErr(err)
}

// CreateCustomer adds a customer to the caller's tenant: active unless told
// otherwise, its email unique in the tenant in any case (409
// customer_email_taken).
func (a *App) CreateCustomer(ctx context.Context, p *auth.Principal, in CustomerInput) (*customer.Customer, error) {
	tenantID, err := a.customerAccess(ctx, p, membership.CustomersManage)
	if err != nil {
		return nil, err
	}
	now := a.now()
	c := &customer.Customer{TenantID: tenantID, ID: id.NewAt(id.Customer, now), Status: customer.Active,
		CreatedAt: now, UpdatedAt: now}
	in.apply(c, now)
	var col errs.Collector
	c.Validate(&col)
	if err := col.Err(); err != nil {
		return nil, err
	}
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := tx.CreateCustomer(ctx, c); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "customer.create", "customer", c.ID, customerDetails(c, nil))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateCustomer applies a partial update to a live customer of the
// caller's tenant, recording the names of the fields that changed.
func (a *App) UpdateCustomer(ctx context.Context, p *auth.Principal, customerID string, in CustomerInput) (*customer.Customer, error) {
	tenantID, err := a.customerAccess(ctx, p, membership.CustomersManage)
	if err != nil {
		return nil, a.customerRefused(ctx, p, err, customerID)
	}
	var c *customer.Customer
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		if c, err = tx.GetCustomer(ctx, tenantID, customerID); err != nil {
			return err
		}
		now := a.now()
		changed := in.apply(c, now)
		var col errs.Collector
		c.Validate(&col)
		if err := col.Err(); err != nil || len(changed) == 0 {
			return err
		}
		c.UpdatedAt = now
		if err := tx.UpdateCustomer(ctx, c); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "customer.update", "customer", customerID, customerDetails(c, changed))
	})
	return c, customerErr(err)
}

// DeleteCustomer soft-deletes a customer of the caller's tenant: the row
// stays for the history that names it, hidden everywhere (404 after).
func (a *App) DeleteCustomer(ctx context.Context, p *auth.Principal, customerID string) error {
	tenantID, err := a.customerAccess(ctx, p, membership.CustomersManage)
	if err != nil {
		return a.customerRefused(ctx, p, err, customerID)
	}
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := tx.DeleteCustomer(ctx, tenantID, customerID, a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "customer.delete", "customer", customerID, nil)
	})
	return customerErr(err)
}

// customerDetails are what the audit log keeps of a customer change: the
// status and consent, and the names of the fields changed, never their
// contents (contact details and notes are personal data).
func customerDetails(c *customer.Customer, changed []string) map[string]string {
	d := map[string]string{"status": string(c.Status), "marketing_consent": strconv.FormatBool(c.MarketingConsent)}
	if changed != nil {
		d["fields"] = strings.Join(changed, ",")
	}
	return d
}

// customerErr turns the store's not-found of a customer into the API's.
func customerErr(err error) error {
	if errs.Is(err, errs.NotFound) {
		return errCustomerNotFound
	}
	return err
}
