package membership

// Outlet actions (reserva seed). Roles in outletRoles holding an OutletBound
// action act only on the outlets in their membership's outlet_ids.
const (
	OutletRead   Action = "outlet.read"
	OutletCreate Action = "outlet.create"
	OutletUpdate Action = "outlet.update"
	OutletDelete Action = "outlet.delete"
	OutletStats  Action = "outlet.stats"
)

// BoundToOutlets reports whether a member with role r performs a only on the
// outlets in their outlet_ids: true for outlet_manager, staff and
// receptionist on an OutletBound action. Owners, tenant admins and viewers
// (read-only across the tenant) are not bound.
func BoundToOutlets(r Role, a Action) bool {
	if !permissions[a].OutletBound {
		return false
	}
	switch r {
	case OutletManager, Staff, Receptionist:
		return true
	}
	return false
}
