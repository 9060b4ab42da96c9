package app

import (
	"context"
	"strconv"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errPublicProtected = errs.E(errs.Forbidden, "public_tenant_protected", "The public tenant cannot be deactivated or have its status changed.")

// Deactivate soft-deactivates a tenant: the tenant becomes inactive, its
// members (platform admins excepted) lose access and their sessions in it
// end, users left with no other active tenant are deactivated, and the
// subscription is suspended. Nothing is deleted, and every change is recorded
// so that Reactivate restores exactly it. Deactivating a deactivated tenant
// changes nothing.
func (a *App) Deactivate(ctx context.Context, p *auth.Principal, tenantID string) error {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantDeactivate); err != nil {
		return err
	}
	if tenantID == tenant.PublicID {
		return errPublicProtected
	}
	_, err := a.lifecycle(ctx, tenantID, func(tx *store.Tx, t *tenant.Tenant, pending string) error {
		if pending != "" {
			return nil // already deactivated: nothing more to change
		}
		return a.deactivate(ctx, tx, p, t, "Deactivated by a platform admin.")
	})
	return err
}

// lifecycle runs change on tenantID in one system transaction, giving it the
// tenant and the id of its pending deactivation ("" when none), and returns
// the tenant as it is afterwards. Cached callers are forgotten, so the
// change applies to the next request.
func (a *App) lifecycle(ctx context.Context, tenantID string, change func(*store.Tx, *tenant.Tenant, string) error) (*TenantView, error) {
	var v *TenantView
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		t, err := tx.GetTenant(ctx, tenantID)
		if err != nil {
			return err
		}
		pending, err := tx.TenantDeactivationID(ctx, tenantID)
		if err != nil {
			return err
		}
		if err := change(tx, t, pending); err != nil {
			return err
		}
		v, err = readView(ctx, tx, tenantID)
		return err
	})
	if errs.Is(err, errs.NotFound) {
		return nil, errTenantNotFound
	}
	a.callers.forget()
	return v, err
}

func (a *App) deactivate(ctx context.Context, tx *store.Tx, p *auth.Principal, t *tenant.Tenant, reason string) error {
	now, change := a.now(), id.New(id.Change)
	members, err := tx.ActiveNonPlatformMembers(ctx, t.ID)
	if err != nil {
		return err
	}
	users := 0
	for _, uid := range members {
		if err := tx.SetMembershipStatus(ctx, t.ID, uid, membership.Inactive, now); err != nil {
			return err
		}
		if err := tx.RecordChange(ctx, t.ID, change, store.Change{Kind: "membership", RefID: uid, Previous: string(membership.Active)}); err != nil {
			return err
		}
		if err := tx.RevokeUserSessions(ctx, uid, t.ID, now); err != nil {
			return err
		}
		others, err := tx.CountOtherActiveMemberships(ctx, uid, t.ID)
		if err != nil {
			return err
		}
		u, err := tx.GetUser(ctx, uid)
		if err != nil {
			return err
		}
		if others > 0 || !u.IsActive {
			continue
		}
		if err := tx.SetUserActive(ctx, uid, false, now); err != nil {
			return err
		}
		if err := tx.RecordChange(ctx, t.ID, change, store.Change{Kind: "user", RefID: uid, Previous: "true"}); err != nil {
			return err
		}
		if err := tx.RevokeUserSessions(ctx, uid, "", now); err != nil {
			return err
		}
		users++
	}
	sub, err := tx.CurrentSubscription(ctx, t.ID)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return err
	}
	if sub != nil && sub.Status != plan.Suspended && sub.Status != plan.Cancelled {
		if err := tx.SetSubscriptionStatus(ctx, t.ID, sub.ID, plan.Suspended, now); err != nil {
			return err
		}
		if err := tx.RecordChange(ctx, t.ID, change, store.Change{Kind: "subscription", RefID: sub.ID, Previous: string(sub.Status)}); err != nil {
			return err
		}
	}
	if err := deactivateOutlets(ctx, tx, t.ID, change, now); err != nil {
		return err
	}
	if err := tx.RecordChange(ctx, t.ID, change, store.Change{Kind: "tenant", RefID: t.ID, Previous: string(t.Status)}); err != nil {
		return err
	}
	if err := tx.SetTenantStatus(ctx, t.ID, tenant.Inactive, reason, change, now); err != nil {
		return err
	}
	return a.record(ctx, tx, t.ID, p, "tenant.deactivate", "tenant", t.ID, map[string]string{
		"previous_status": string(t.Status), "memberships": strconv.Itoa(len(members)), "users": strconv.Itoa(users),
		"reason": reason,
	})
}

// Reactivate undoes a deactivation: exactly the memberships, users, outlets
// and subscription status it changed are restored.
func (a *App) Reactivate(ctx context.Context, p *auth.Principal, tenantID string) (*TenantView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantReactivate); err != nil {
		return nil, err
	}
	return a.lifecycle(ctx, tenantID, func(tx *store.Tx, t *tenant.Tenant, pending string) error {
		if pending == "" {
			return errs.E(errs.Conflict, "tenant_not_inactive", "Only a deactivated tenant can be reactivated.")
		}
		return a.reactivate(ctx, tx, p, t, pending, "", "")
	})
}

// reactivate restores what the deactivation change did. The tenant returns
// to the status it had before, unless to names another.
func (a *App) reactivate(ctx context.Context, tx *store.Tx, p *auth.Principal, t *tenant.Tenant, change string,
	to tenant.Status, reason string) error {
	now := a.now()
	changes, err := tx.Changes(ctx, t.ID, change)
	if err != nil {
		return err
	}
	previous := tenant.Active
	for _, c := range changes {
		switch c.Kind {
		case "tenant":
			previous = tenant.Status(c.Previous)
		case "membership":
			if err = tx.SetMembershipStatus(ctx, t.ID, c.RefID, membership.Status(c.Previous), now); err == nil {
				err = releaseUser(ctx, tx, c.RefID, now)
			}
		case "user":
			err = tx.SetUserActive(ctx, c.RefID, c.Previous == "true", now)
		case "subscription":
			err = tx.SetSubscriptionStatus(ctx, t.ID, c.RefID, plan.Status(c.Previous), now)
		case "outlet":
			err = restoreOutlet(ctx, tx, t.ID, c, now)
		}
		if err != nil {
			return err
		}
	}
	if to == "" {
		to, reason = previous, ""
	}
	if err := tx.SetTenantStatus(ctx, t.ID, to, reason, "", now); err != nil {
		return err
	}
	if err := a.resumeBilling(ctx, tx, t.ID); err != nil { // billing_grace.go
		return err
	}
	return a.record(ctx, tx, t.ID, p, "tenant.reactivate", "tenant", t.ID,
		map[string]string{"restored": strconv.Itoa(len(changes)), "status": string(to), "from": string(t.Status), "reason": reason})
}

// releaseUser reactivates a user whose membership was just restored when
// another tenant's pending deactivation is what keeps them inactive: with an
// active tenant again, they may log in. A user deactivated for any other
// reason stays inactive.
func releaseUser(ctx context.Context, tx *store.Tx, userID string, now time.Time) error {
	u, err := tx.GetUser(ctx, userID)
	if err != nil || u.IsActive {
		return err
	}
	held, err := tx.UserHeldByDeactivation(ctx, userID)
	if err != nil || !held {
		return err
	}
	return tx.SetUserActive(ctx, userID, true, now)
}

// SetStatusInput changes a tenant's status with a reason.
type SetStatusInput struct {
	Status tenant.Status
	Reason string
}

// SetStatus moves a tenant to active, suspended or archived. Suspended and
// archived tenants keep their members but serve none of them; moving a
// deactivated tenant to active reactivates it.
func (a *App) SetStatus(ctx context.Context, p *auth.Principal, tenantID string, in SetStatusInput) (*TenantView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantSetStatus); err != nil {
		return nil, err
	}
	var c errs.Collector
	c.Check(in.Status != tenant.Active && in.Status != tenant.Suspended && in.Status != tenant.Archived,
		"status", "invalid_choice", "Must be active, suspended or archived.")
	optionalLines(&c, "reason", in.Reason, 500)
	if err := c.Err(); err != nil {
		return nil, err
	}
	if tenantID == tenant.PublicID {
		return nil, errPublicProtected
	}
	return a.lifecycle(ctx, tenantID, func(tx *store.Tx, t *tenant.Tenant, pending string) error {
		switch {
		case in.Status == tenant.Active && pending != "":
			return a.reactivate(ctx, tx, p, t, pending, tenant.Active, in.Reason)
		case t.Status != in.Status || t.StatusReason != in.Reason:
			return a.changeStatus(ctx, tx, p, t, in, pending)
		}
		return nil
	})
}

// changeStatus sets a status without touching members; a pending
// deactivation stays recorded so it can still be undone.
func (a *App) changeStatus(ctx context.Context, tx *store.Tx, p *auth.Principal, t *tenant.Tenant, in SetStatusInput,
	deactivation string) error {
	if err := tx.SetTenantStatus(ctx, t.ID, in.Status, in.Reason, deactivation, a.now()); err != nil {
		return err
	}
	return a.record(ctx, tx, t.ID, p, "tenant.status", "tenant", t.ID,
		map[string]string{"from": string(t.Status), "to": string(in.Status), "reason": in.Reason})
}
