package membership

import "strings"

// SeedRole is a role name one of the seed documents uses, and the role it
// stands for in Tenantry.
type SeedRole struct {
	Name string // as the seed spells it
	Seed string // the seed document that uses it
	Role Role   // the native role; "" for a name that is no tenant role
}

// PlatformAdminName is the reserva seed's name for a platform
// administrator. It is not a role within a tenant: platform admins are made
// only by the platform, never by a role field.
const PlatformAdminName = "SUPER_ADMIN"

// SeedRoles is the one table of the seeds' role names (docs/roles.md writes
// it out): reserva's upper-case names and trueport's organization roles.
// Judgment: trueport's member ("can use keys, view analytics") is the role
// between its admin and its read-only viewer, which is Tenantry's staff.
func SeedRoles() []SeedRole {
	return []SeedRole{
		{Name: PlatformAdminName, Seed: "reserva"},
		{Name: "TENANT_ADMIN", Seed: "reserva", Role: TenantAdmin},
		{Name: "OUTLET_MANAGER", Seed: "reserva", Role: OutletManager},
		{Name: "STAFF", Seed: "reserva", Role: Staff},
		{Name: "RECEPTIONIST", Seed: "reserva", Role: Receptionist},
		{Name: "owner", Seed: "trueport", Role: Owner},
		{Name: "admin", Seed: "trueport", Role: TenantAdmin},
		{Name: "member", Seed: "trueport", Role: Staff},
		{Name: "viewer", Seed: "trueport", Role: Viewer},
	}
}

// RoleNamed reads a role as a client names it: a native name or a seed's
// name (SeedRoles), in any case. It returns the native role, or false for a
// name that is no tenant role, PlatformAdminName included (see
// NamesPlatformAdmin).
func RoleNamed(name string) (Role, bool) {
	if r := Role(strings.ToLower(name)); r.Valid() {
		return r, true
	}
	for _, s := range SeedRoles() {
		if s.Role != "" && strings.EqualFold(s.Name, name) {
			return s.Role, true
		}
	}
	return "", false
}

// NamesPlatformAdmin reports whether name, in any case, is the seeds' name
// for a platform administrator, which no role field can give.
func NamesPlatformAdmin(name string) bool {
	return strings.EqualFold(name, PlatformAdminName)
}

// TrueportName is r in trueport's words: owner, admin (tenant_admin),
// viewer, and member for every other role (outlet_manager, staff,
// receptionist: the roles between its admin and its read-only viewer).
func TrueportName(r Role) string {
	switch r {
	case Owner:
		return "owner"
	case TenantAdmin:
		return "admin"
	case Viewer:
		return "viewer"
	case "":
		return ""
	}
	return "member"
}
