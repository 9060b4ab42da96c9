package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
)

// PartnerState is a tenant's Paper.id partner account: where its
// provisioning stands and, once provisioned, its ids (reserva seed).
type PartnerState struct {
	TenantID            string     `json:"tenant_id"`
	PartnerStatus       string     `json:"partner_status"` // disabled, pending, provisioned or failed
	PartnerError        string     `json:"partner_error"`  // why the last attempt failed, "" if none
	PartnerUpdatedAt    *time.Time `json:"partner_updated_at"`
	ClientPartnerID     *string    `json:"client_partner_id"`
	ClientPartnerNumber *string    `json:"client_partner_number"`
}

func partnerStateOf(v *app.PartnerView) PartnerState {
	return PartnerState{TenantID: v.TenantID, PartnerStatus: string(v.Partner.Status), PartnerError: v.Partner.LastError,
		PartnerUpdatedAt: v.Partner.UpdatedAt, ClientPartnerID: v.ClientPartnerID, ClientPartnerNumber: v.ClientPartnerNumber}
}
