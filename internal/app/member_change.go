package app

import (
	"context"
	"slices"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// MemberChange changes a membership; nil fields stay as they are.
type MemberChange struct {
	Role      *membership.Role
	OutletIDs *[]string
	Status    *membership.Status
}

func (ch *MemberChange) validate(c *errs.Collector) {
	if ch.Role != nil {
		checkRole(c, "role", ch.Role)
	}
	if ch.OutletIDs != nil {
		*ch.OutletIDs = cleanOutlets(c, "outlet_ids", *ch.OutletIDs)
	}
	if s := ch.Status; s != nil && *s != membership.Active && *s != membership.Inactive {
		c.Add("status", "invalid_choice", "Must be active or inactive.")
	}
}

// applyChange applies ch to m as g allows, auditing each part, and reports
// whether anything changed. Deactivation ends the member's sessions in the
// tenant.
func (a *App) applyChange(ctx context.Context, tx *store.Tx, p *auth.Principal, g membership.Grantor, m *membership.Member, ch MemberChange) (bool, error) {
	next := m.Membership
	if ch.Role != nil {
		next.Role = *ch.Role
	}
	if ch.OutletIDs != nil {
		next.OutletIDs = *ch.OutletIDs
	}
	if ch.Status != nil {
		next.Status = *ch.Status
	}
	roleChanged, statusChanged := next.Role != m.Role, next.Status != m.Status
	outletsChanged := !slices.Equal(nonNilStrings(next.OutletIDs), nonNilStrings(m.OutletIDs))
	switch {
	case !roleChanged && !outletsChanged && !statusChanged:
		return false, nil
	case m.Role == membership.Owner && statusChanged:
		return false, errOwnerNotRemovable
	case m.Role == membership.Owner:
		return false, errOwnerFixed
	case !g.CanManage(m.Role):
		return false, errNotManageable
	case !g.CanChange(m.Role, next.Role):
		return false, roleNotGrantable(next.Role)
	}
	added := slices.DeleteFunc(slices.Clone(next.OutletIDs), func(o string) bool { return slices.Contains(m.OutletIDs, o) })
	if err := checkOutlets(ctx, tx, m.TenantID, added); err != nil {
		return false, err
	}
	if statusChanged && next.Status == membership.Active { // back in the tenant: a seat again
		if err := a.reserve(ctx, tx, m.TenantID, plan.Members, 1); err != nil {
			return false, err
		}
	}
	now := a.now()
	next.UpdatedAt = now
	if err := tx.UpdateMembership(ctx, &next); err != nil {
		return false, err
	}
	if statusChanged && next.Status == membership.Inactive {
		if err := tx.RevokeUserSessions(ctx, m.UserID, m.TenantID, now); err != nil {
			return false, err
		}
	}
	type event struct {
		on      bool
		action  string
		details map[string]string
	}
	for _, e := range []event{
		{roleChanged, "member.role_change", map[string]string{"from": string(m.Role), "to": string(next.Role)}},
		{outletsChanged, "member.outlets_change", map[string]string{"from": strings.Join(m.OutletIDs, ","), "to": strings.Join(next.OutletIDs, ",")}},
		{statusChanged, "member.status_change", map[string]string{"from": string(m.Status), "to": string(next.Status)}},
	} {
		if !e.on {
			continue
		}
		if err := a.record(ctx, tx, m.TenantID, p, e.action, "user", m.UserID, e.details); err != nil {
			return false, err
		}
	}
	return true, nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
