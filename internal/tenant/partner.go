package tenant

import "time"

// PartnerStatus is where a tenant's Paper.id partner account stands.
type PartnerStatus string

// The partner statuses. A tenant created while Paper.id is configured starts
// pending and ends provisioned, or failed with the reason; without Paper.id
// it is disabled.
const (
	PartnerDisabled    PartnerStatus = "disabled"    // no Paper.id configured when the tenant was created
	PartnerPending     PartnerStatus = "pending"     // a provisioning job is queued or being retried
	PartnerProvisioned PartnerStatus = "provisioned" // client_partner_id and client_partner_number are set
	PartnerFailed      PartnerStatus = "failed"      // given up; a platform admin may retry
)

// Partner is the state of a tenant's Paper.id partner account. Its ids are
// the tenant's ClientPartnerID and ClientPartnerNumber.
type Partner struct {
	Status    PartnerStatus
	LastError string     // why the last attempt failed; "" once provisioned
	UpdatedAt *time.Time // when the state last changed; nil if never
}
