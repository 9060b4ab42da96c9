package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// credentialRoutes are a tenant's own payment gateway credentials: Paper.id
// (reserva seed) and Stripe keys (pers seed). Secrets go in, never out.
func (s *Server) credentialRoutes() []Route {
	const path, stripe = "/api/v1/tenants/{tenant_id}/paper-id-config", "/api/v1/tenants/{tenant_id}/stripe-config"
	return []Route{
		{Method: "PUT", Path: path, Tag: "Gateway credentials", Access: Authenticated, Action: membership.CredentialUpdate,
			Status: http.StatusOK, Body: PaperIDConfigRequest{}, Reply: PaperIDConfig{}, handle: s.putPaperIDConfig,
			Summary: "Create or update the tenant's Paper.id credentials (the client secret is sealed, never returned; " +
				"left out, it is kept, so enabled: true re-enables)"},
		{Method: "GET", Path: path, Tag: "Gateway credentials", Access: Authenticated, Action: membership.CredentialRead,
			Status: http.StatusOK, Reply: PaperIDConfig{}, handle: s.getPaperIDConfig,
			Summary: "The tenant's Paper.id configuration, without its secret (404 when never configured)"},
		{Method: "DELETE", Path: path, Tag: "Gateway credentials", Access: Authenticated, Action: membership.CredentialUpdate,
			Status: http.StatusNoContent, handle: s.disablePaperIDConfig,
			Summary: "Disable the tenant's Paper.id configuration (soft: the credentials are kept)"},
		{Method: "PUT", Path: stripe, Tag: "Gateway credentials", Access: Authenticated, Action: membership.CredentialUpdate,
			Status: http.StatusOK, Body: StripeConfigRequest{}, Reply: StripeConfig{}, handle: s.putStripeConfig,
			Summary: "Create or update the tenant's Stripe keys (secrets sealed, never returned; left out, kept)"},
		{Method: "GET", Path: stripe, Tag: "Gateway credentials", Access: Authenticated, Action: membership.CredentialRead,
			Status: http.StatusOK, Reply: StripeConfig{}, handle: s.getStripeConfig,
			Summary: "The tenant's Stripe configuration, without its secrets (404 when never configured)"},
	}
}
