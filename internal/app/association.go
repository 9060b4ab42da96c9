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
	if role == "" {
		role = membership.Viewer
	}
	var c errs.Collector
	c.Check(userID == "", "user_id", "required", "This field is required.")
	checkRole(&c, "role", role)
	if err := c.Err(); err != nil {
		return false, err
	}
	g, err := a.grantorIn(ctx, p, tenantID, membership.AssociationManage)
	if err != nil {
		return false, err
	}
	if err := checkGrant(g, role); err != nil {
		return false, err
	}
	var already bool
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		if err := knownUser(ctx, tx, tenantID, userID); err != nil {
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
	if userID == "" {
		return false, errs.Fields(errs.FieldError{Field: "user_id", Code: "required", Message: "This field is required."})
	}
	g, err := a.grantorIn(ctx, p, tenantID, membership.AssociationManage)
	if err != nil {
		return false, err
	}
	was := false
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		if err := knownUser(ctx, tx, tenantID, userID); err != nil {
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
// any) and a user id no account has.
func knownUser(ctx context.Context, tx *store.Tx, tenantID, userID string) error {
	if _, err := tx.GetTenant(ctx, tenantID); err != nil {
		if errs.Is(err, errs.NotFound) {
			return errTenantNotFound
		}
		return err
	}
	_, err := tx.GetUser(ctx, userID)
	if errs.Is(err, errs.NotFound) {
		return errUnknownUserID
	}
	return err
}
