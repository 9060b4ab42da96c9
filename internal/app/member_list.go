package app

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// MemberFilter narrows a listing of users or members.
type MemberFilter = store.MemberFilter

// validateMemberFilter checks f, reading its role as a role field does
// (native or seed name, any case).
func validateMemberFilter(f *MemberFilter) error {
	var c errs.Collector
	c.Check(f.Skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(f.Limit < 1 || f.Limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
	if f.Role != "" {
		f.Role, _ = roleField(&c, "role", string(f.Role))
	}
	c.Check(f.Status != "" && f.Status != membership.Active && f.Status != membership.Inactive,
		"status", "invalid_choice", "Must be active or inactive.")
	return c.Err()
}

// ListMembers lists the members of the tenant of p's scoped token in the
// order they joined (trueport seed): the active ones unless f names a status.
func (a *App) ListMembers(ctx context.Context, p *auth.Principal, f MemberFilter) ([]membership.Member, int, error) {
	if f.Status == "" {
		f.Status = membership.Active
	}
	return a.listMembers(ctx, p, membership.MemberRead, f)
}

func (a *App) listMembers(ctx context.Context, p *auth.Principal, action membership.Action, f MemberFilter) ([]membership.Member, int, error) {
	tenantID, _, err := a.rosterAccess(ctx, p, action)
	if err != nil {
		return nil, 0, err
	}
	if err := validateMemberFilter(&f); err != nil {
		return nil, 0, err
	}
	var out []membership.Member
	var total int
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		out, total, err = tx.ListMembers(ctx, tenantID, f)
		return err
	})
	return out, total, err
}

// UpdateMember changes the role and outlets of an active member of the
// tenant of p's scoped token, within the role-grant rules; the change
// applies to the member's next request.
func (a *App) UpdateMember(ctx context.Context, p *auth.Principal, userID string, ch MemberChange) (*membership.Member, error) {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.MemberUpdate)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findActiveMember(ctx, p.TenantID, userID))
	}
	ch.Status = nil
	var c errs.Collector
	ch.validate(&c)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var m *membership.Member
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		if m, err = activeMember(ctx, tx, tenantID, userID); err != nil {
			return err
		}
		if _, err := a.applyChange(ctx, tx, p, g, m, ch); err != nil {
			return err
		}
		m, err = tx.GetMember(ctx, tenantID, userID)
		return err
	})
	a.callers.forget()
	return m, err
}

// RemoveMember removes an active member from the tenant of p's scoped token
// (trueport seed): the membership becomes inactive and the member's sessions
// in the tenant end at once. The owner cannot be removed (403).
func (a *App) RemoveMember(ctx context.Context, p *auth.Principal, userID string) error {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.MemberRemove)
	if err != nil {
		return a.conceal(ctx, p, err, findActiveMember(ctx, p.TenantID, userID))
	}
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		m, err := activeMember(ctx, tx, tenantID, userID)
		if err != nil {
			return err
		}
		if err := leave(ctx, tx, g, m, a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "member.remove", "user", userID, map[string]string{"role": string(m.Role)})
	})
	a.callers.forget()
	return err
}

// TransferOwnership makes userID, an active member, the owner of the tenant
// of p's scoped token; the owner becomes a tenant_admin, in the same
// transaction. Only the owner (or a platform admin) may do it.
func (a *App) TransferOwnership(ctx context.Context, p *auth.Principal, userID string) (*membership.Member, error) {
	tenantID, _, err := a.rosterAccess(ctx, p, membership.MemberTransfer)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findActiveMember(ctx, p.TenantID, userID))
	}
	var m *membership.Member
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		owners, err := tx.ActiveMembersWithRole(ctx, tenantID, membership.Owner)
		if err != nil {
			return err
		}
		if !p.PlatformAdmin && !slices.Contains(owners, p.UserID) { // ownership moved since p was resolved
			return errs.E(errs.Forbidden, "forbidden", "Your role does not allow this action.")
		}
		if m, err = activeMember(ctx, tx, tenantID, userID); err != nil {
			return err
		}
		if m.Role == membership.Owner {
			return errs.E(errs.Conflict, "already_owner", "This member is the owner already.")
		}
		roles := map[string]membership.Role{userID: membership.Owner}
		for _, o := range owners {
			roles[o] = membership.TenantAdmin
		}
		now := a.now()
		for _, uid := range slices.Sorted(maps.Keys(roles)) { // in key order, like every multi-row change
			if err := setRole(ctx, tx, tenantID, uid, roles[uid], now); err != nil {
				return err
			}
		}
		if err := a.record(ctx, tx, tenantID, p, "member.transfer_ownership", "user", userID,
			map[string]string{"from": strings.Join(owners, ","), "to": userID, "previous_role": string(m.Role)}); err != nil {
			return err
		}
		m, err = tx.GetMember(ctx, tenantID, userID)
		return err
	})
	a.callers.forget()
	return m, err
}

// setRole gives userID's membership of tenantID the role r.
func setRole(ctx context.Context, tx *store.Tx, tenantID, userID string, r membership.Role, now time.Time) error {
	m, err := tx.GetMembership(ctx, tenantID, userID)
	if err != nil {
		return err
	}
	m.Role, m.UpdatedAt = r, now
	return tx.UpdateMembership(ctx, m)
}
