package membership

// Customer actions (issue 11). Customers are tenant-wide: no role is bound
// to its outlets for them.
const (
	CustomersRead   Action = "customer.read"
	CustomersManage Action = "customer.manage"
)

// customerManagers are the roles that create, change and delete customers;
// staff read them (to serve the people they book); viewers do not see them
// (contact details are personal data, not a report).
var customerManagers = []Role{Owner, TenantAdmin, OutletManager, Receptionist}
