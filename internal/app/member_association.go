package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

var errUnknownUserID = errs.E(errs.NotFound, "unknown_user_id", "No user has this id.")

// AssociateUser makes an existing user a member of tenantID (supertokens
// seed: user–tenant association) with role, viewer when none is given,
// within the role-grant rules. It reports whether the user was an active
// member already, in which case nothing changes. An inactive membership is
// made active again.
func (a *App) AssociateUser(ctx context.Context, p *auth.Principal, tenantID, userID string, role membership.Role) (bool, error) {
	g, err := a.grantorIn(ctx, p, tenantID, membership.AssociationManage)
	if err != nil {
		return false, a.concealUser(ctx, p, tenantID, userID, err)
	}
	if role == "" {
		role = membership.Viewer
	}
	var c errs.Collector
	c.Check(userID == "", "user_id", "required", "This field is required.")
	checkRole(&c, "role", &role)
	if err := c.Err(); err != nil {
		return false, err
	}
	if err := checkGrant(g, role); err != nil {
		return false, err
	}
	var already bool
	err = a.db.InSystem(ctx, func(tx *store.Tx) error { // knownUser looks beyond the tenant
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		if err := knownUser(ctx, tx, p, tenantID, userID); err != nil {
			return err
		}
		if err := a.reserveSeat(ctx, tx, tenantID, userID); err != nil {
			return err
		}
		if already, err = join(ctx, tx, tenantID, userID, role, nil, a.now()); err != nil || already {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "association.add", "user", userID, map[string]string{"role": string(role)})
	})
	if errs.CodeOf(err) == errAlreadyMember.Code { // associated by a concurrent request
		return true, nil
	}
	a.callers.forget()
	return already, err
}

// DisassociateUser ends userID's membership of tenantID (it becomes
// inactive and the user's sessions there end) and reports whether the user
// was an active member. The owner cannot be removed.
func (a *App) DisassociateUser(ctx context.Context, p *auth.Principal, tenantID, userID string) (bool, error) {
	g, err := a.grantorIn(ctx, p, tenantID, membership.AssociationManage)
	if err != nil {
		return false, a.concealUser(ctx, p, tenantID, userID, err)
	}
	if userID == "" {
		return false, errs.Fields(errs.FieldError{Field: "user_id", Code: "required", Message: "This field is required."})
	}
	was := false
	err = a.db.InSystem(ctx, func(tx *store.Tx) error { // knownUser looks beyond the tenant
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		if err := knownUser(ctx, tx, p, tenantID, userID); err != nil {
			return err
		}
		m, err := tx.GetMember(ctx, tenantID, userID)
		if errs.Is(err, errs.NotFound) || (err == nil && m.Status != membership.Active) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := leave(ctx, tx, g, m, a.now()); err != nil {
			return err
		}
		was = true
		return a.record(ctx, tx, tenantID, p, "association.remove", "user", userID, map[string]string{"role": string(m.Role)})
	})
	a.callers.forget()
	return was, err
}

// knownUser refuses a tenant that does not exist (a platform admin may name
// any) and a user id that is not there for p. To anyone but a platform
// admin, an account that has never been a member of tenantID but belongs to
// other tenants, or is a platform admin's, is another tenant's user: it
// answers exactly like an id no account has, so that no tenant can pull in,
// or probe for, another tenant's users by id. (An account that belongs to no
// tenant yet, a global registration, may be associated.) It needs a system
// transaction, to see the account's other memberships.
func knownUser(ctx context.Context, tx *store.Tx, p *auth.Principal, tenantID, userID string) error {
	if _, err := tx.GetTenant(ctx, tenantID); err != nil {
		if errs.Is(err, errs.NotFound) {
			return errTenantNotFound
		}
		return err
	}
	u, err := tx.GetUser(ctx, userID)
	if errs.Is(err, errs.NotFound) {
		return errUnknownUserID
	}
	if err != nil || p.PlatformAdmin {
		return err
	}
	_, err = tx.GetMembership(ctx, tenantID, userID)
	switch {
	case err == nil:
		return nil
	case !errs.Is(err, errs.NotFound):
		return err
	case u.IsPlatformAdmin:
		return errUnknownUserID
	}
	others, err := tx.CountOtherMemberships(ctx, userID, tenantID)
	if err != nil {
		return err
	}
	if others > 0 {
		return errUnknownUserID
	}
	return nil
}

// concealUser answers a refusal of p in tenantID (from authorize) with
// unknown_user_id when the user is not there for p (knownUser), exactly as
// to a caller who may associate: another tenant's user answers like an
// unknown one to every member, never 403. No user id names nobody to
// conceal: the refusal stands.
func (a *App) concealUser(ctx context.Context, p *auth.Principal, tenantID, userID string, refusal error) error {
	if !errs.Is(refusal, errs.Forbidden) || userID == "" {
		return refusal
	}
	if err := a.db.ReadSystem(ctx, func(tx *store.Tx) error { return knownUser(ctx, tx, p, tenantID, userID) }); err != nil {
		return err
	}
	return refusal
}
