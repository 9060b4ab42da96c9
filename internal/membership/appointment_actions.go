package membership

// Appointment actions (issue 11). OutletBound: outlet_manager, staff and
// receptionist see and book only at the outlets in their outlet_ids.
// Staff read them (their day); the roles that manage customers book,
// change and move appointments through their lifecycle. Cancelling later
// than the tenant's cancellation_hours allow is AppointmentsOverride's:
// owner and tenant_admin (audited as an override).
const (
	AppointmentsRead     Action = "appointment.read"
	AppointmentsManage   Action = "appointment.manage"
	AppointmentsOverride Action = "appointment.override"
)
