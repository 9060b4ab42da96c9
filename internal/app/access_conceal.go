package app

import (
	"context"
	"slices"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// conceal turns a refusal of p (a Forbidden error from authorize) on one
// resource of p's tenant into that resource's not-found error when the
// resource is not there for p: another tenant's, or none at all. So an id
// of another tenant answers exactly like a missing one (404) to every
// member, whatever their role may do, and never 403; the refusal stands only
// for a resource p can see. find looks the resource up in the tenant's
// transaction and returns its not-found error. Other errors pass unchanged.
func (a *App) conceal(ctx context.Context, p *auth.Principal, refusal error, find func(*store.Tx) error) error {
	if !errs.Is(refusal, errs.Forbidden) || !p.Scoped() {
		return refusal
	}
	err := a.db.ReadTenant(ctx, p.TenantID, find)
	if err != nil {
		return err
	}
	return refusal
}

// findMember looks up userID's membership of tenantID, in any status.
func findMember(ctx context.Context, tenantID, userID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := tx.GetMember(ctx, tenantID, userID)
		return err
	}
}

// findActiveMember looks up userID's active membership of tenantID.
func findActiveMember(ctx context.Context, tenantID, userID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := activeMember(ctx, tx, tenantID, userID)
		return err
	}
}

// findOutlet looks up an outlet of p's tenant that p sees: for a role bound
// to its outlets, one of its outlet_ids (any other answers like a missing
// one, as it does to a read).
func findOutlet(ctx context.Context, p *auth.Principal, outletID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		if membership.BoundToOutlets(p.Role, membership.OutletRead) && !slices.Contains(p.OutletIDs, outletID) {
			return errOutletNotFound
		}
		_, err := tx.GetOutlet(ctx, p.TenantID, outletID)
		return outletErr(err)
	}
}

// findInvite looks up an invitation of tenantID.
func findInvite(ctx context.Context, tenantID, inviteID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := tx.GetInvite(ctx, tenantID, inviteID)
		return notFoundAs(err, errInviteNotFound)
	}
}

// findAPIKey looks up an API key of tenantID.
func findAPIKey(ctx context.Context, tenantID, keyID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := tx.GetAPIKey(ctx, tenantID, keyID)
		return notFoundAs(err, errKeyNotFound)
	}
}
