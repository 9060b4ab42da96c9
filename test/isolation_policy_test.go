package test

import (
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/membership"
)

// policyRow is who may perform an action, as issue 4 states it.
type policyRow struct {
	roles []membership.Role
	scope string // the API-key scope that allows it; "" for none
	bound bool   // outlet_manager, staff and receptionist act only at their outlets
}

// policy is the access policy of issue 4, written out by hand: owner and
// tenant_admin manage the tenant; outlet_manager manages only the outlets in
// its outlet_ids; staff and receptionist read what they need at their
// outlets; viewer reads only; platform-level actions belong to platform
// admins alone; API keys read the tenant and read or write outlets, and
// never manage members or keys. The matrix derives its calls from the
// permission table; this test holds the table to this policy.
func policy() map[membership.Action]policyRow {
	everyone := membership.Roles()
	admins := []membership.Role{membership.Owner, membership.TenantAdmin}
	managers := []membership.Role{membership.Owner, membership.TenantAdmin, membership.OutletManager}
	rows := map[membership.Action]policyRow{
		membership.TenantRead:         {roles: everyone, scope: "tenant:read"},
		membership.TenantUpdate:       {roles: admins},
		membership.TenantDeactivate:   {},
		membership.TenantReactivate:   {},
		membership.TenantSetStatus:    {},
		membership.TenantListAll:      {},
		membership.PlatformAdminister: {}, // platform administration (issue 9)
		membership.TemplatesRead:      {roles: everyone, scope: "tenant:read"},
		membership.AuditRead:          {roles: admins},
		membership.AuthConfigRead:     {roles: admins},
		membership.AuthConfigUpdate:   {roles: admins},
		membership.OutletRead:         {roles: everyone, scope: "outlets:read", bound: true},
		membership.OutletCreate:       {roles: admins, scope: "outlets:write"},
		membership.OutletUpdate: {roles: []membership.Role{membership.Owner, membership.TenantAdmin, membership.OutletManager},
			scope: "outlets:write", bound: true},
		membership.OutletDelete:   {roles: admins, scope: "outlets:write"},
		membership.OutletStats:    {roles: admins, scope: "outlets:read"},
		membership.MemberTransfer: {roles: []membership.Role{membership.Owner}},
		// Booking (issue 11): everyone reads the services and staff of their
		// outlets; owner, tenant_admin and outlet_manager (at its outlets) manage.
		membership.ServicesRead:   {roles: everyone, scope: "services:read", bound: true},
		membership.ServicesManage: {roles: managers, scope: "services:write", bound: true},
		membership.StaffRead:      {roles: everyone, scope: "staff:read", bound: true},
		membership.StaffManage:    {roles: managers, scope: "staff:write", bound: true},
		// Billing: the catalog is the platform's; a subscription and its
		// payments are managed by the tenant's owner and tenant admins.
		membership.PlanManage:         {},
		membership.SubscriptionRead:   {roles: admins},
		membership.SubscriptionChange: {roles: admins},
		membership.PaymentRead:        {roles: admins},
		// Tenant statistics and overview (issue 11): owner and tenant_admin;
		// keys read the statistics with stats:read, never the overview.
		membership.StatsRead: {roles: admins, scope: "stats:read"},
		// Login tokens: the tenant's admins, and keys with login-tokens:write
		// (the project's backend vouching for a sign-in).
		membership.LoginTokenIssue: {roles: admins, scope: "login-tokens:write"},
		membership.OverviewRead:    {roles: admins},
	}
	for _, a := range []membership.Action{membership.UserRead, membership.UserCreate, membership.UserUpdate,
		membership.UserDelete, membership.UserResetPassword, membership.MemberRead, membership.MemberUpdate,
		membership.MemberRemove, membership.InviteCreate, membership.InviteRead, membership.InviteRevoke,
		membership.AssociationManage, membership.APIKeyCreate, membership.APIKeyRead, membership.APIKeyRotate,
		membership.APIKeyRevoke, membership.CredentialRead, membership.CredentialUpdate, membership.UsageRead,
		membership.StorageRead, membership.StorageManage} {
		rows[a] = policyRow{roles: admins}
	}
	rows[membership.TenantPartnerRetry] = policyRow{} // platform admins only
	// Webhook endpoints (issue 17): owner and tenant_admin, never a key
	// (a creation shows the signing secret).
	rows[membership.WebhookRead] = policyRow{roles: admins}
	rows[membership.WebhookManage] = policyRow{roles: admins}
	// Export of a tenant's data (issue 11): owner and tenant_admin, never a key.
	rows[membership.TenantExport] = policyRow{roles: admins}
	// Configuration: every member reads (feature flags and branding are
	// what front ends need), and keys with config:read; owner and
	// tenant_admin change; global and plan values are the platform's.
	rows[membership.ConfigRead] = policyRow{roles: everyone, scope: "config:read"}
	rows[membership.ConfigUpdate] = policyRow{roles: admins}
	rows[membership.ConfigAdmin] = policyRow{}
	// Customers (issue 11): tenant-wide, never outlet-bound; the front desk
	// (owner, tenant_admin, outlet_manager, receptionist) manages them, staff
	// read them, viewers do not see them; keys by customers:read/write.
	desk := []membership.Role{membership.Owner, membership.TenantAdmin, membership.OutletManager, membership.Receptionist}
	rows[membership.CustomersRead] = policyRow{roles: append([]membership.Role{membership.Staff}, desk...), scope: "customers:read"}
	rows[membership.CustomersManage] = policyRow{roles: desk, scope: "customers:write"}
	// Appointments (issue 11): the front desk books at its outlets, staff
	// read theirs; a late cancellation is overridden by owner or
	// tenant_admin only, never by a key.
	rows[membership.AppointmentsRead] = policyRow{roles: append([]membership.Role{membership.Staff}, desk...),
		scope: "appointments:read", bound: true}
	rows[membership.AppointmentsManage] = policyRow{roles: desk, scope: "appointments:write", bound: true}
	rows[membership.AppointmentsOverride] = policyRow{roles: admins}
	return rows
}

// TestIsolationPolicyTable holds the one permission table to issue 4's
// policy, action by action, in both directions.
func TestIsolationPolicyTable(t *testing.T) {
	want := policy()
	for _, a := range membership.Actions() {
		row, ok := want[a]
		if !ok {
			t.Errorf("the permission table has action %s, which the isolation policy does not describe", a)
			continue
		}
		rule, _ := membership.RuleOf(a)
		got, exp := slices.Clone(rule.Roles), slices.Clone(row.roles)
		slices.Sort(got)
		slices.Sort(exp)
		if !slices.Equal(got, exp) {
			t.Errorf("%s: the table allows %v, the policy %v", a, got, exp)
		}
		if rule.Scope != row.scope || rule.OutletBound != row.bound {
			t.Errorf("%s: the table has scope %q, bound %v; the policy scope %q, bound %v", a, rule.Scope, rule.OutletBound, row.scope, row.bound)
		}
		for _, r := range membership.Roles() {
			bound := row.bound && slices.Contains(boundRoles, r)
			if got := membership.BoundToOutlets(r, a); got != bound {
				t.Errorf("%s: BoundToOutlets(%s) = %v, the policy %v", a, r, got, bound)
			}
		}
	}
	for a := range want {
		if !membership.Known(a) {
			t.Errorf("the policy describes action %s, which the permission table lacks", a)
		}
	}
}
