package membership

import "slices"

// Action names something a caller can do. Every route of the API names one.
type Action string

// The actions. Platform-only actions appear in the table with no roles.
const (
	TenantRead       Action = "tenant.read"
	TenantUpdate     Action = "tenant.update"
	TenantDeactivate Action = "tenant.deactivate"
	TenantReactivate Action = "tenant.reactivate"
	TenantSetStatus  Action = "tenant.set_status"
	TenantListAll    Action = "tenant.list_all"
	TemplatesRead    Action = "tenant.templates.read"
	AuditRead        Action = "audit.read"
	AuthConfigRead   Action = "tenant.auth_config.read"
	AuthConfigUpdate Action = "tenant.auth_config.update"
)

var (
	everyone = []Role{Owner, TenantAdmin, OutletManager, Staff, Receptionist, Viewer}
	admins   = []Role{Owner, TenantAdmin}
)

// Rule says who may perform an action.
type Rule struct {
	// Roles are the tenant roles allowed; none means platform admins only.
	Roles []Role
	// Scope is the API-key scope that allows the action to a machine client
	// ("" means API keys may not perform it).
	Scope string
	// OutletBound means outlet_manager, staff and receptionist act only on
	// the outlets in their membership's outlet_ids (see BoundToOutlets).
	OutletBound bool
}

// permissions is the one table deciding who may do what. Platform admins may
// do everything; an action absent from the table is allowed to nobody else.
var permissions = map[Action]Rule{
	TenantRead:       {Roles: everyone, Scope: "tenant:read"},
	TenantUpdate:     {Roles: admins},
	TenantDeactivate: {},
	TenantReactivate: {},
	TenantSetStatus:  {},
	TenantListAll:    {},
	TemplatesRead:    {Roles: everyone, Scope: "tenant:read"},
	AuditRead:        {Roles: admins},
	AuthConfigRead:   {Roles: admins},
	AuthConfigUpdate: {Roles: admins},
	TenantExport:     {Roles: admins}, // exchange_actions.go
	// Outlets: bound roles see and manage only their own outlets (BoundToOutlets).
	OutletRead:   {Roles: everyone, Scope: "outlets:read", OutletBound: true},
	OutletCreate: {Roles: admins, Scope: "outlets:write"},
	OutletUpdate: {Roles: []Role{Owner, TenantAdmin, OutletManager}, Scope: "outlets:write", OutletBound: true},
	OutletDelete: {Roles: admins, Scope: "outlets:write"},
	OutletStats:  {Roles: admins, Scope: "outlets:read"},
	// Booking (booking_actions.go): bound roles see and manage only the
	// rows of their own outlets.
	ServicesRead:   {Roles: everyone, Scope: "services:read", OutletBound: true},
	ServicesManage: {Roles: managers, Scope: "services:write", OutletBound: true},
	StaffRead:      {Roles: everyone, Scope: "staff:read", OutletBound: true},
	StaffManage:    {Roles: managers, Scope: "staff:write", OutletBound: true},
	// Users, members, invites and associations: owner and tenant_admin
	// (within Grantor's rules); ownership transfer: the owner.
	UserRead:          {Roles: admins},
	UserCreate:        {Roles: admins},
	UserUpdate:        {Roles: admins},
	UserDelete:        {Roles: admins},
	UserResetPassword: {Roles: admins},
	MemberRead:        {Roles: admins},
	MemberUpdate:      {Roles: admins},
	MemberRemove:      {Roles: admins},
	MemberTransfer:    {Roles: []Role{Owner}},
	InviteCreate:      {Roles: admins},
	InviteRead:        {Roles: admins},
	InviteRevoke:      {Roles: admins},
	AssociationManage: {Roles: admins},
	// API keys: owner and tenant_admin; never a key itself.
	APIKeyCreate: {Roles: admins},
	APIKeyRead:   {Roles: admins},
	APIKeyRotate: {Roles: admins},
	APIKeyRevoke: {Roles: admins},
	// Gateway credentials: owner and tenant_admin; never a key.
	CredentialRead:   {Roles: admins},
	CredentialUpdate: {Roles: admins},
	WebhookRead:      {Roles: admins}, // webhook_actions.go
	WebhookManage:    {Roles: admins},
	// Storage configuration (storage_actions.go): owner and tenant_admin; never a key.
	StorageRead:   {Roles: admins},
	StorageManage: {Roles: admins},
	// Plan usage: owner and tenant_admin.
	UsageRead: {Roles: admins},
	// Tenant statistics and overview (stats_actions.go): owner and tenant_admin.
	StatsRead:    {Roles: admins, Scope: "stats:read"},
	OverviewRead: {Roles: admins},
	// Login tokens (login_token_actions.go).
	LoginTokenIssue: {Roles: admins, Scope: "login-tokens:write"},
	// Billing: the catalog is the platform's; a tenant's subscription and
	// payments are its owner's and tenant admins'. API keys may not.
	PlanManage:         {},
	SubscriptionRead:   {Roles: admins},
	SubscriptionChange: {Roles: admins},
	PaymentRead:        {Roles: admins},

	// Configuration (setting_actions.go).
	ConfigRead:   {Roles: everyone, Scope: "config:read"},
	ConfigUpdate: {Roles: admins},
	ConfigAdmin:  {},

	// Paper.id partner accounts: platform admins only.
	TenantPartnerRetry: {},

	// Platform administration: platform admins only.
	PlatformAdminister: {},

	// Customers (customer_actions.go): tenant-wide, never outlet-bound.
	CustomersRead:   {Roles: append([]Role{Staff}, customerManagers...), Scope: "customers:read"},
	CustomersManage: {Roles: customerManagers, Scope: "customers:write"},

	// Appointments (appointment_actions.go): bound roles see and book only
	// at their own outlets.
	AppointmentsRead:     {Roles: append([]Role{Staff}, customerManagers...), Scope: "appointments:read", OutletBound: true},
	AppointmentsManage:   {Roles: customerManagers, Scope: "appointments:write", OutletBound: true},
	AppointmentsOverride: {Roles: admins},
}

// RuleOf returns the rule of a, and whether a is in the table.
func RuleOf(a Action) (Rule, bool) {
	r, ok := permissions[a]
	return r, ok
}

// Actions lists every action of the table.
func Actions() []Action {
	out := make([]Action, 0, len(permissions))
	for a := range permissions {
		out = append(out, a)
	}
	return out
}

// Allowed reports whether a member with role r may perform a.
func Allowed(r Role, a Action) bool {
	for _, x := range permissions[a].Roles {
		if x == r {
			return true
		}
	}
	return false
}

// ActionsOf lists, sorted, every action of the table a member with role r
// may perform: what a console shows that role.
func ActionsOf(r Role) []Action {
	var out []Action
	for a := range permissions {
		if Allowed(r, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// Known reports whether a is in the permission table.
func Known(a Action) bool {
	_, ok := permissions[a]
	return ok
}

// PlatformOnly reports whether only platform admins may perform a.
func PlatformOnly(a Action) bool { return Known(a) && len(permissions[a].Roles) == 0 }
