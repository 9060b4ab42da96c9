package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// platformKeyRoutes are the platform keys: platform-level machine
// credentials the seed surfaces accept (pers's business x-api-key, the
// supertokens core's api-key). Platform admins only.
func (s *Server) platformKeyRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/admin/platform-keys", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusCreated, Body: CreatePlatformKeyRequest{}, Reply: IssuedPlatformKey{}, handle: s.createPlatformKey,
			Summary: "Create a platform key for the seed surfaces (the secret is in the answer, and only there)"},
		{Method: "GET", Path: "/api/v1/admin/platform-keys", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Reply: []PlatformKey{}, handle: s.listPlatformKeys,
			Summary: "List the platform keys, revoked ones too (prefixes, never secrets)"},
		{Method: "DELETE", Path: "/api/v1/admin/platform-keys/{key_id}", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusNoContent, handle: s.revokePlatformKey,
			Summary: "Revoke a platform key at once (it stays listed as revoked)"},
	}
}
