package membership

import "testing"

func TestCanGrant(t *testing.T) {
	admin := Grantor{PlatformAdmin: true}
	cases := []struct {
		g    Grantor
		role Role
		want bool
	}{
		{admin, Owner, false},
		{admin, TenantAdmin, true},
		{admin, Viewer, true},
		{Grantor{Role: Owner}, Owner, false},
		{Grantor{Role: Owner}, TenantAdmin, true},
		{Grantor{Role: Owner}, Staff, true},
		{Grantor{Role: TenantAdmin}, Owner, false},
		{Grantor{Role: TenantAdmin}, TenantAdmin, true},
		{Grantor{Role: TenantAdmin}, OutletManager, true},
		{Grantor{Role: TenantAdmin}, Viewer, true},
		{Grantor{Role: OutletManager}, Staff, false},
		{Grantor{Role: OutletManager}, Viewer, false},
		{Grantor{Role: Staff}, Viewer, false},
		{Grantor{Role: Receptionist}, Viewer, false},
		{Grantor{Role: Viewer}, Viewer, false},
		{Grantor{}, Viewer, false},
		{Grantor{Role: Owner}, Role("platform_admin"), false},
		{admin, Role("super_admin"), false},
	}
	for _, c := range cases {
		if got := c.g.CanGrant(c.role); got != c.want {
			t.Errorf("%+v CanGrant(%s) = %v, want %v", c.g, c.role, got, c.want)
		}
	}
}

func TestCanManage(t *testing.T) {
	cases := []struct {
		g       Grantor
		current Role
		want    bool
	}{
		{Grantor{PlatformAdmin: true}, Owner, false},
		{Grantor{PlatformAdmin: true}, TenantAdmin, true},
		{Grantor{PlatformAdmin: true, Role: Viewer}, Staff, true},
		{Grantor{Role: Owner}, Owner, false},
		{Grantor{Role: Owner}, TenantAdmin, true},
		{Grantor{Role: Owner}, Viewer, true},
		{Grantor{Role: TenantAdmin}, Owner, false},
		{Grantor{Role: TenantAdmin}, TenantAdmin, false},
		{Grantor{Role: TenantAdmin}, OutletManager, true},
		{Grantor{Role: TenantAdmin}, Receptionist, true},
		{Grantor{Role: OutletManager}, Staff, false},
		{Grantor{Role: Staff}, Viewer, false},
		{Grantor{Role: Viewer}, Viewer, false},
	}
	for _, c := range cases {
		if got := c.g.CanManage(c.current); got != c.want {
			t.Errorf("%+v CanManage(%s) = %v, want %v", c.g, c.current, got, c.want)
		}
	}
}

func TestCanChange(t *testing.T) {
	cases := []struct {
		g        Grantor
		from, to Role
		want     bool
	}{
		{Grantor{Role: Owner}, Staff, TenantAdmin, true},
		{Grantor{Role: Owner}, TenantAdmin, Viewer, true},
		{Grantor{Role: Owner}, Staff, Owner, false},
		{Grantor{Role: Owner}, Owner, TenantAdmin, false},
		{Grantor{Role: TenantAdmin}, Staff, TenantAdmin, true},
		{Grantor{Role: TenantAdmin}, Staff, Staff, true},
		{Grantor{Role: TenantAdmin}, TenantAdmin, Staff, false},
		{Grantor{Role: TenantAdmin}, Owner, Owner, false},
		{Grantor{Role: TenantAdmin}, Viewer, Owner, false},
		{Grantor{PlatformAdmin: true}, Viewer, TenantAdmin, true},
		{Grantor{PlatformAdmin: true}, Owner, TenantAdmin, false},
		{Grantor{Role: OutletManager}, Staff, Receptionist, false},
	}
	for _, c := range cases {
		if got := c.g.CanChange(c.from, c.to); got != c.want {
			t.Errorf("%+v CanChange(%s→%s) = %v, want %v", c.g, c.from, c.to, got, c.want)
		}
	}
}

// TestNoRoleGrantsMoreThanItHas checks the principle for every pair: a
// member may grant a role only when it ranks at or below its own, and never
// the owner role.
func TestNoRoleGrantsMoreThanItHas(t *testing.T) {
	for _, holder := range Roles() {
		for _, r := range Roles() {
			if (Grantor{Role: holder}).CanGrant(r) && (r == Owner || rank(r) < rank(holder)) {
				t.Errorf("%s may grant %s", holder, r)
			}
		}
	}
}
