package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// exchangeRoutes are the export of a tenant's complete data (the reserva
// seed's "Export Tenant Data"); its import is the command line's
// (tenantry import, docs/export.md).
func (s *Server) exchangeRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}/export", Tag: "Export", Access: Authenticated,
			Action: membership.TenantExport, Status: http.StatusOK,
			Summary: "Stream the tenant's complete data (docs/export.md): a header (format version, tenant, time, the credentials " +
				"to re-enter after an import), one typed record per line — tenant and settings, configuration values, " +
				"subscriptions and payments, outlets, members' profiles and memberships, invites (no tokens), API keys " +
				"(metadata only), auth configuration, services, staff, customers, appointments, audit events — and a trailer " +
				"with the count of each type, from one consistent snapshot. NDJSON (application/x-ndjson) by default; one JSON " +
				"document with Accept: application/json or format=json. Never secrets or password hashes. Owner and " +
				"tenant_admin of the tenant; platform admins any tenant's.",
			Query:       []Param{{Name: "format", Type: "string", Description: "ndjson (default) or json."}},
			ContentType: "application/x-ndjson", handle: s.exportTenant},
	}
}
