package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// Access to services and staff follows outlets (outlet_access.go): the
// caller's scoped token names the tenant; outlet_manager, staff and
// receptionist see only the rows of the outlets in their outlet_ids
// (services offered at every outlet are seen by all), and anything else
// answers exactly like a missing row. An outlet manager manages a row only
// when every outlet of it is its own (a tenant-wide service, or a staff
// member shared with another outlet, is a tenant admin's), and names only
// its own outlets.

var errBookingScopedOnly = errs.E(errs.Invalid, "scoped_token_required",
	"Services and staff belong to one tenant: use a tenant-scoped token (POST /api/v1/auth/select-tenant).")

// bookingAccess authorizes p for a booking action on its scoped tenant.
func (a *App) bookingAccess(ctx context.Context, p *auth.Principal, action membership.Action) (*outletAccess, error) {
	if !p.Scoped() {
		return nil, errBookingScopedOnly
	}
	return a.outletAccess(ctx, p, action)
}

// reachesAny reports whether the caller reaches one of ids (always, when
// not bound to outlets).
func (acc *outletAccess) reachesAny(ids []string) bool {
	return acc.only == nil || slices.ContainsFunc(ids, acc.reaches)
}

// reachesAll reports whether the caller reaches every one of ids and, when
// bound to outlets, ids names one at least.
func (acc *outletAccess) reachesAll(ids []string) bool {
	if acc.only == nil {
		return true
	}
	for _, v := range ids {
		if !acc.reaches(v) {
			return false
		}
	}
	return len(ids) > 0
}

// boundAccess is the outlet access of p for action without authorizing
// again: a concealment's view of what p sees.
func boundAccess(p *auth.Principal, action membership.Action) *outletAccess {
	acc := &outletAccess{tenantID: p.TenantID}
	if !p.PlatformAdmin && membership.BoundToOutlets(p.Role, action) {
		acc.only = append([]string{}, p.OutletIDs...)
	}
	return acc
}

// checkOutletRefs records unknown_outlet for each of ids that is not a
// live outlet of the tenant or not one the caller reaches, and, for a
// caller bound to outlets, required when ids names none.
func checkOutletRefs(ctx context.Context, tx *store.Tx, acc *outletAccess, ids []string, c *errs.Collector) error {
	missing, err := tx.MissingOutlets(ctx, acc.tenantID, ids)
	if err != nil {
		return err
	}
	for i, v := range ids {
		if slices.Contains(missing, v) || !acc.reaches(v) {
			c.Add(fmt.Sprintf("outlet_ids[%d]", i), "unknown_outlet", "No such outlet.")
		}
	}
	c.Check(acc.only != nil && len(ids) == 0, "outlet_ids", "required", "Name at least one of your outlets.")
	return nil
}

// cleanIDs trims every id of a list a client sent and drops repeats,
// keeping the order.
func cleanIDs(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, v := range ids {
		if v = strings.TrimSpace(v); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// sameIDs reports whether a and b hold the same ids, in any order.
func sameIDs(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
