package membership

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

// permissions is the one table deciding which tenant roles may do what.
// Platform admins may do everything; an action absent from the table is
// allowed to nobody else.
var permissions = map[Action][]Role{
	TenantRead:       everyone,
	TenantUpdate:     admins,
	TenantDeactivate: nil,
	TenantReactivate: nil,
	TenantSetStatus:  nil,
	TenantListAll:    nil,
	TemplatesRead:    everyone,
	AuditRead:        admins,
	AuthConfigRead:   admins,
	AuthConfigUpdate: admins,
}

// Allowed reports whether a member with role r may perform a.
func Allowed(r Role, a Action) bool {
	for _, x := range permissions[a] {
		if x == r {
			return true
		}
	}
	return false
}

// Known reports whether a is in the permission table.
func Known(a Action) bool {
	_, ok := permissions[a]
	return ok
}

// PlatformOnly reports whether only platform admins may perform a.
func PlatformOnly(a Action) bool { return Known(a) && len(permissions[a]) == 0 }
