package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// limitRoutes are a tenant's usage against its plan's limits and its stored
// logo (the file storage_bytes counts).
func (s *Server) limitRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/subscriptions/usage", Tag: "Subscriptions", Access: Authenticated, Action: membership.UsageRead,
			Status: http.StatusOK, Reply: UsageResponse{}, handle: s.usage,
			Query:   []Param{{Name: "tenant_id", Type: "string", Description: "The tenant (platform admins: any; others: defaults to the token's tenant)."}},
			Summary: "Usage of every meter against the plan's limits (remaining is null when unlimited)"},
		{Method: "PUT", Path: "/api/v1/tenants/{tenant_id}/logo", Tag: "Tenants", Access: Authenticated, Action: membership.TenantUpdate,
			Status: http.StatusOK, Body: LogoUpload{}, BodyType: "multipart/form-data", Reply: Tenant{}, handle: s.putLogo,
			Summary: "Upload the tenant's logo: a part named logo, PNG/JPEG/WebP by content, at most 2 MiB and 4096×4096, " +
				"stored re-encoded as PNG (at most 512×512) and set as logo_url; counts against storage_bytes"},
		{Method: "DELETE", Path: "/api/v1/tenants/{tenant_id}/logo", Tag: "Tenants", Access: Authenticated, Action: membership.TenantUpdate,
			Status: http.StatusNoContent, handle: s.deleteLogo,
			Summary: "Delete the tenant's stored logo (and clear logo_url if it pointed at it)"},
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}/logo", Tag: "Tenants", Access: Public, Status: http.StatusOK, ContentType: "image/png",
			Summary: "A tenant's stored logo (PNG; ETag and If-None-Match supported)", handle: s.tenantLogo},
	}
}
