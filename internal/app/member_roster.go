package app

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// The errors shared by the users, members, invites and association use cases.
var (
	errMembersScopedOnly = errs.E(errs.Invalid, "scoped_token_required",
		"Users, members and invites belong to one tenant: use a tenant-scoped token (POST /api/v1/auth/select-tenant).")
	errMemberNotFound    = errs.E(errs.NotFound, "member_not_found", "No such member in this tenant.")
	errOwnerNotRemovable = errs.E(errs.Forbidden, "owner_not_removable",
		"The owner cannot be removed or deactivated; transfer ownership first.")
	errOwnerFixed = errs.E(errs.Forbidden, "owner_not_modifiable",
		"The owner's membership changes only by transferring ownership.")
	errNotManageable = errs.E(errs.Forbidden, "member_not_manageable",
		"Your role cannot change or remove a member with this role.")
	errAlreadyMember = errs.E(errs.Conflict, "already_member", "This user is already a member of the tenant.")
)

// maxOutlets bounds the outlet_ids of one membership or invitation.
const maxOutlets = 100

// rosterAccess authorizes p for action in the tenant of its scoped token and
// returns that tenant and what p may grant there.
func (a *App) rosterAccess(ctx context.Context, p *auth.Principal, action membership.Action) (string, membership.Grantor, error) {
	if !p.Scoped() {
		return "", membership.Grantor{}, errMembersScopedOnly
	}
	g, err := a.grantorIn(ctx, p, p.TenantID, action)
	return p.TenantID, g, err
}

// grantorIn authorizes p for action in tenantID and returns what p may grant there.
func (a *App) grantorIn(ctx context.Context, p *auth.Principal, tenantID string, action membership.Action) (membership.Grantor, error) {
	role, err := a.authorize(ctx, p, tenantID, action)
	if err != nil {
		return membership.Grantor{}, err
	}
	return membership.Grantor{Role: role, PlatformAdmin: p.PlatformAdmin}, nil
}

func roleNotGrantable(r membership.Role) error {
	return errs.E(errs.Forbidden, "role_not_grantable", "Your role cannot grant the role "+string(r)+".")
}

// checkGrant refuses a role g may not give.
func checkGrant(g membership.Grantor, r membership.Role) error {
	if g.CanGrant(r) {
		return nil
	}
	return roleNotGrantable(r)
}

// checkRole reads a role field, a native role or a seed's name for one in
// any case (membership.RoleNamed), into the native role, and records a
// problem when it is empty, names no tenant role (the platform admin's
// SUPER_ADMIN included), or is owner (which only a transfer gives).
func checkRole(c *errs.Collector, field string, r *membership.Role) {
	name := string(*r)
	if name == "" {
		c.Add(field, "required", "This field is required.")
		return
	}
	role, ok := roleField(c, field, name)
	switch {
	case !ok:
	case role == membership.Owner:
		c.Add(field, "owner_not_assignable",
			"Ownership is given only by transfer: POST /api/v1/members/{user_id}/transfer-ownership.")
	default:
		*r = role
	}
}

// roleField reads name as a role (membership.RoleNamed), recording a
// problem when it is none.
func roleField(c *errs.Collector, field, name string) (membership.Role, bool) {
	if membership.NamesPlatformAdmin(name) {
		c.Add(field, "platform_role_not_assignable", membership.PlatformAdminName+
			" is a platform administrator, not a role in a tenant; platform admins are made only by the platform.")
		return "", false
	}
	role, ok := membership.RoleNamed(name)
	if !ok {
		c.Add(field, "invalid_choice", "Not a role: the roles are owner, tenant_admin, outlet_manager, staff, receptionist"+
			" and viewer (the seeds' names for them, such as TENANT_ADMIN, work too: docs/roles.md).")
	}
	return role, ok
}

// cleanOutlets trims outlet ids and drops repeats, recording a problem for
// blank ids or too many of them. A nil list stays nil.
func cleanOutlets(c *errs.Collector, field string, ids []string) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for _, v := range ids {
		v = strings.TrimSpace(v)
		if v == "" {
			c.Add(field, "invalid_outlet_id", "Outlet ids cannot be blank.")
			return out
		}
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	c.Check(len(out) > maxOutlets, field, "too_many", "At most 100 outlets.")
	return out
}

// checkOutlets refuses outlet ids that are not live outlets of tenantID,
// naming them. (An outlet deleted right after the check leaves a dangling
// id, which reaches nothing: outlet access only ever finds live outlets.)
func checkOutlets(ctx context.Context, tx *store.Tx, tenantID string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	missing, err := tx.MissingOutlets(ctx, tenantID, ids)
	if err != nil || len(missing) == 0 {
		return err
	}
	return errs.Fields(errs.FieldError{Field: "outlet_ids", Code: "unknown_outlet",
		Message: "Not outlets of this tenant: " + strings.Join(missing, ", ") + "."})
}

// join makes userID an active member of tenantID with role and outlets: a
// new membership, or an inactive one made active again (an owner's stays
// the owner's). It reports true, changing nothing, when userID is an active
// member already, and fails with errAlreadyMember when a concurrent
// transaction made it one meanwhile.
func join(ctx context.Context, tx *store.Tx, tenantID, userID string, role membership.Role, outlets []string, now time.Time) (bool, error) {
	m, err := tx.GetMembership(ctx, tenantID, userID)
	switch {
	case errs.Is(err, errs.NotFound):
		err = tx.CreateMembership(ctx, &membership.Membership{TenantID: tenantID, UserID: userID, ID: id.New(id.Membership),
			Role: role, OutletIDs: outlets, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
		if errs.Is(err, errs.Conflict) { // a concurrent join won; tx is spoilt on PostgreSQL: end it
			return false, errAlreadyMember
		}
		return false, err
	case err != nil:
		return false, err
	case m.Status == membership.Active:
		return true, nil
	}
	if m.Role != membership.Owner {
		m.Role = role
	}
	m.OutletIDs, m.Status, m.UpdatedAt = outlets, membership.Active, now
	return false, tx.UpdateMembership(ctx, m)
}

// leave deactivates m's membership for g and ends m's sessions in the
// tenant; the owner never leaves this way.
func leave(ctx context.Context, tx *store.Tx, g membership.Grantor, m *membership.Member, now time.Time) error {
	if m.Role == membership.Owner {
		return errOwnerNotRemovable
	}
	if !g.CanManage(m.Role) {
		return errNotManageable
	}
	if err := tx.SetMembershipStatus(ctx, m.TenantID, m.UserID, membership.Inactive, now); err != nil {
		return err
	}
	return tx.RevokeUserSessions(ctx, m.UserID, m.TenantID, now)
}

// lockRoster serializes the transactions that change tenantID's
// memberships, so that a role change, a removal and an ownership transfer
// never each write over what another read (which could leave a tenant
// without its owner). Take it before reading the memberships to change.
func lockRoster(ctx context.Context, tx *store.Tx, tenantID string) error {
	return tx.Lock(ctx, "members:"+tenantID)
}

// activeMember returns userID's active membership of tenantID, or member_not_found.
func activeMember(ctx context.Context, tx *store.Tx, tenantID, userID string) (*membership.Member, error) {
	m, err := tx.GetMember(ctx, tenantID, userID)
	if errs.Is(err, errs.NotFound) || (err == nil && m.Status != membership.Active) {
		return nil, errMemberNotFound
	}
	return m, err
}
