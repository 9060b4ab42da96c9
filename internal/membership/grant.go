package membership

// Grantor is who assigns or changes roles: a member of the tenant with its
// role, or a platform admin (whose tenant role, if any, does not matter).
type Grantor struct {
	Role          Role
	PlatformAdmin bool
}

// rank orders the roles: 0 is the most powerful; an unknown role ranks below
// every known one.
func rank(r Role) int {
	for i, x := range Roles() {
		if x == r {
			return i
		}
	}
	return len(Roles())
}

// The rules for granting and managing roles, which every way of joining or
// changing a membership obeys (user creation, invites, association, role
// changes, removal):
//
//   - Nobody is given the owner role by assignment, not even by a platform
//     admin: ownership moves only by transfer, so a tenant has one owner.
//   - Platform admins and the owner may grant every other role, and manage
//     every member but the owner.
//   - A tenant_admin may grant its own role and those below it (a role
//     cannot grant more than its holder has), but manages only members
//     strictly below it: it cannot change or remove the owner or another
//     tenant_admin.
//   - outlet_manager, staff, receptionist and viewer manage no members.
//
// No role makes a platform admin: that is not a role, and no membership
// endpoint has a field for it.

// Manages reports whether the grantor may manage members at all.
func (g Grantor) Manages() bool {
	return g.PlatformAdmin || g.Role == Owner || g.Role == TenantAdmin
}

// CanGrant reports whether g may give someone the role r.
func (g Grantor) CanGrant(r Role) bool {
	if !r.Valid() || r == Owner || !g.Manages() {
		return false
	}
	if g.PlatformAdmin || g.Role == Owner {
		return true
	}
	return rank(r) >= rank(g.Role)
}

// CanManage reports whether g may change the role or outlets of, or remove,
// a member who holds the role current.
func (g Grantor) CanManage(current Role) bool {
	if current == Owner || !g.Manages() {
		return false
	}
	if g.PlatformAdmin || g.Role == Owner {
		return true
	}
	return rank(current) > rank(g.Role)
}

// CanChange reports whether g may move a member from role from to role to:
// g must manage the member as it is and be able to grant the new role.
// Keeping the same role (to change only outlets, say) needs the first only.
func (g Grantor) CanChange(from, to Role) bool {
	if !g.CanManage(from) {
		return false
	}
	return from == to || g.CanGrant(to)
}
