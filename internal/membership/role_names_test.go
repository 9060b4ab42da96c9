package membership

import (
	"os"
	"strings"
	"testing"
)

func TestRoleNamed(t *testing.T) {
	for name, want := range map[string]Role{
		// Native names, in any case.
		"owner": Owner, "tenant_admin": TenantAdmin, "outlet_manager": OutletManager,
		"staff": Staff, "receptionist": Receptionist, "viewer": Viewer, "Viewer": Viewer, "STAFF": Staff,
		// reserva's names.
		"TENANT_ADMIN": TenantAdmin, "OUTLET_MANAGER": OutletManager, "RECEPTIONIST": Receptionist,
		"Tenant_Admin": TenantAdmin,
		// trueport's names.
		"admin": TenantAdmin, "ADMIN": TenantAdmin, "member": Staff, "Member": Staff, "OWNER": Owner,
	} {
		got, ok := RoleNamed(name)
		if !ok || got != want {
			t.Errorf("RoleNamed(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"", "SUPER_ADMIN", "super_admin", "superadmin", "platform_admin", "tenant admin",
		" staff", "staff ", "tenant-admin", "admins", "root", "STAFF\x00"} {
		if got, ok := RoleNamed(name); ok {
			t.Errorf("RoleNamed(%q) = %q, want no role", name, got)
		}
	}
}

func TestNamesPlatformAdmin(t *testing.T) {
	for name, want := range map[string]bool{"SUPER_ADMIN": true, "super_admin": true, "Super_Admin": true,
		"admin": false, "tenant_admin": false, "": false, "SUPER ADMIN": false} {
		if got := NamesPlatformAdmin(name); got != want {
			t.Errorf("NamesPlatformAdmin(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestSeedRoles checks the table itself: each seed name appears once and
// maps onto a native role, but for the platform admin's, which maps onto none.
func TestSeedRoles(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range SeedRoles() {
		key := strings.ToLower(s.Name)
		if seen[key] {
			t.Errorf("seed name %q appears twice", s.Name)
		}
		seen[key] = true
		switch {
		case s.Name == PlatformAdminName && s.Role != "":
			t.Errorf("%s maps onto %q; it is no tenant role", s.Name, s.Role)
		case s.Name != PlatformAdminName && !s.Role.Valid():
			t.Errorf("seed name %q maps onto %q, no native role", s.Name, s.Role)
		case s.Seed == "":
			t.Errorf("seed name %q names no seed", s.Name)
		}
	}
	if !seen[strings.ToLower(PlatformAdminName)] {
		t.Errorf("the table lacks %s", PlatformAdminName)
	}
}

// TestRolesPageMatchesTable holds docs/roles.md to the table: every native
// role and every seed name appears in it, on the row of the role it maps
// onto.
func TestRolesPageMatchesTable(t *testing.T) {
	b, err := os.ReadFile("../../docs/roles.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[Role]string{} // native role → its table row
	var platformRow string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 4 {
			continue
		}
		first := strings.Trim(strings.TrimSpace(cells[1]), "`")
		if first == PlatformAdminName || strings.Contains(first, "platform") {
			platformRow = line
			continue
		}
		rows[Role(first)] = line
	}
	for _, r := range Roles() {
		if rows[r] == "" {
			t.Errorf("docs/roles.md has no row for the role %s", r)
		}
	}
	for _, s := range SeedRoles() {
		row := rows[s.Role]
		if s.Role == "" {
			row = platformRow
		}
		if !strings.Contains(row, "`"+s.Name+"` ("+s.Seed+")") {
			t.Errorf("docs/roles.md: the row of %q lacks `%s` (%s): %q", s.Role, s.Name, s.Seed, row)
		}
	}
}
