package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// partnerRoutes are the platform admins' hold on tenants' Paper.id partner
// accounts (reserva seed: provisioned in the background at creation).
func (s *Server) partnerRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/admin/tenants/{tenant_id}/partner/retry", Tag: "Platform admin", Access: Authenticated,
			Action: membership.TenantPartnerRetry, Status: http.StatusAccepted,
			Summary: "Provision a tenant's Paper.id partner account again (pending or failed; 409 when provisioned or Paper.id is not configured)",
			Reply:   PartnerState{}, handle: s.retryPartner},
	}
}
