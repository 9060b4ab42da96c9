package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// checkService validates s and its outlets into c.
func checkService(ctx context.Context, tx *store.Tx, acc *outletAccess, s *booking.Service, c *errs.Collector) error {
	s.Validate(c)
	if s.TenantWide && acc.only != nil {
		c.Add("outlet_ids", "required", "Name at least one of your outlets.")
		return nil
	}
	return checkOutletRefs(ctx, tx, acc, s.OutletIDs, c)
}

// visibleService reads a service the caller sees.
func visibleService(ctx context.Context, tx *store.Tx, acc *outletAccess, serviceID string) (*booking.Service, error) {
	s, err := tx.GetService(ctx, acc.tenantID, serviceID)
	if err != nil {
		return nil, notFoundAs(err, errServiceNotFound)
	}
	if !s.TenantWide && !acc.reachesAny(s.OutletIDs) {
		return nil, errServiceNotFound
	}
	return s, nil
}

// managedService reads a service the caller sees and may change: one it
// does not see answers 404, one it sees but does not manage 403.
func managedService(ctx context.Context, tx *store.Tx, acc *outletAccess, serviceID string) (*booking.Service, error) {
	s, err := visibleService(ctx, tx, acc, serviceID)
	if err != nil {
		return nil, err
	}
	if acc.only != nil && (s.TenantWide || !acc.reachesAll(s.OutletIDs)) {
		return nil, errNotYourOutlets
	}
	return s, nil
}

var errNotYourOutlets = errs.E(errs.Forbidden, "forbidden",
	"Only a tenant admin may change this: it belongs to outlets other than yours too.")

// findService looks up a service of p's tenant that p sees.
func findService(ctx context.Context, p *auth.Principal, serviceID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := visibleService(ctx, tx, boundAccess(p, membership.ServicesRead), serviceID)
		return err
	}
}

// tenantCurrency is the currency of tenantID's settings.
func tenantCurrency(ctx context.Context, tx *store.Tx, tenantID string) (string, error) {
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil {
		return "", err
	}
	return t.Settings.WithDefaults().Currency, nil
}

// checkPaging checks skip and limit of a listing.
func checkPaging(c *errs.Collector, skip, limit int) {
	c.Check(skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(limit < 1 || limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
}
