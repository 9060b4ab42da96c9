package app

import (
	"context"
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

var (
	errOutletScopedOnly = errs.E(errs.Invalid, "scoped_token_required",
		"Outlets belong to one tenant: use a tenant-scoped token (POST /api/v1/auth/select-tenant).")
	errOutletNotFound = errs.E(errs.NotFound, "outlet_not_found", "Outlet not found.")
)

// outletAccess is what a caller may reach among a tenant's outlets for one action.
type outletAccess struct {
	tenantID string
	// only lists the outlets the caller is bound to, or is nil when the
	// caller reaches every outlet of the tenant.
	only []string
}

// outletAccess authorizes p for action on the outlets of the tenant of its
// scoped token. This is the one place the OutletBound rule is applied:
// outlet_manager, staff and receptionist reach only the outlets in their
// membership's outlet_ids (re-read from the database on each request), and
// any other outlet answers exactly like a missing one.
func (a *App) outletAccess(ctx context.Context, p *auth.Principal, action membership.Action) (*outletAccess, error) {
	if !p.Scoped() {
		return nil, errOutletScopedOnly
	}
	role, err := a.authorize(ctx, p, p.TenantID, action)
	if err != nil {
		return nil, err
	}
	acc := &outletAccess{tenantID: p.TenantID}
	if !p.PlatformAdmin && membership.BoundToOutlets(role, action) {
		acc.only = append([]string{}, p.OutletIDs...)
	}
	return acc, nil
}

// reaches reports whether the caller may act on outletID.
func (acc *outletAccess) reaches(outletID string) bool {
	return acc.only == nil || slices.Contains(acc.only, outletID)
}

// deactivateOutlets deactivates a tenant's active outlets as part of the
// tenant deactivation change, recording each so that reactivation restores
// exactly those. It takes the tenant's outlet lock, so that no outlet update
// in flight writes back a stale active flag.
func deactivateOutlets(ctx context.Context, tx *store.Tx, tenantID, change string, now time.Time) error {
	if err := tx.Lock(ctx, outletLock(tenantID)); err != nil {
		return err
	}
	ids, err := tx.ActiveOutletIDs(ctx, tenantID)
	if err != nil {
		return err
	}
	for _, outletID := range ids {
		if err := tx.SetOutletActive(ctx, tenantID, outletID, false, now); err != nil {
			return err
		}
		if err := tx.RecordChange(ctx, tenantID, change, store.Change{Kind: "outlet", RefID: outletID, Previous: "true"}); err != nil {
			return err
		}
	}
	return nil
}

// restoreOutlet gives back an outlet the active flag a deactivation took
// from it; an outlet deleted meanwhile stays deleted.
func restoreOutlet(ctx context.Context, tx *store.Tx, tenantID string, c store.Change, now time.Time) error {
	err := tx.SetOutletActive(ctx, tenantID, c.RefID, c.Previous == "true", now)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	return err
}

// outletLock names the lock serializing writes to a tenant's outlets.
func outletLock(tenantID string) string { return "outlets:" + tenantID }
