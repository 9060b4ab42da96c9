package membership

// Booking actions (issue 11): a tenant's services and staff. Both are
// OutletBound: outlet_manager, staff and receptionist see only the rows of
// the outlets in their outlet_ids (tenant-wide services are seen by all),
// and an outlet manager manages only rows whose outlets are all its own.
const (
	ServicesRead   Action = "service.read"
	ServicesManage Action = "service.manage"
	StaffRead      Action = "staff.read"
	StaffManage    Action = "staff.manage"
)

// managers are the roles that manage services and staff (outlet managers
// at their own outlets only).
var managers = []Role{Owner, TenantAdmin, OutletManager}
