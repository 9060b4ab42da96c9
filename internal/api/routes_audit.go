package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// auditRoutes are the audit log: its listing and the verification of its hash chain.
func (s *Server) auditRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/audit-logs", Tag: "Audit", Access: Authenticated, Action: membership.AuditRead, Status: http.StatusOK,
			Summary: "List audit events, newest first", Query: auditFilter, Reply: []AuditEvent{}, TotalCount: true, NextCursor: true, handle: s.listAudit},
		{Method: "GET", Path: "/api/v1/audit-logs/verify", Tag: "Audit", Access: Authenticated, Action: membership.AuditRead, Status: http.StatusOK,
			Summary: "Recompute a tenant's audit hash chain and report the first event or batch edited, deleted, inserted or " +
				"reordered (200 with ok false when one is found). Those who may read the tenant's audit log; platform admins any tenant's.",
			Query: []Param{{Name: "tenant_id", Type: "string", Description: "The tenant to verify (default: the token's tenant)."}},
			Reply: AuditVerification{}, handle: s.verifyAudit},
		{Method: "GET", Path: "/api/v1/audit-logs/export", Tag: "Audit", Access: Authenticated, Action: membership.AuditRead, Status: http.StatusOK,
			Summary: "Stream a tenant's audit events of a time range, oldest first, each with its hash-chain position and each batch's " +
				"signed seal, as NDJSON (application/x-ndjson) or CSV (text/csv), so that the file verifies offline with " +
				"tenantry audit verify --file (docs/audit.md). Those who may read the tenant's audit log; platform admins any tenant's.",
			Query: []Param{
				{Name: "tenant_id", Type: "string", Description: "The tenant to export (default: the token's tenant)."},
				{Name: "from", Type: "string", Description: "Only events created at or after this RFC 3339 time (default: the first)."},
				{Name: "to", Type: "string", Description: "Only events created before this RFC 3339 time (default: the last)."},
				{Name: "format", Type: "string", Description: "ndjson (default) or csv."},
			},
			ContentType: "application/x-ndjson", handle: s.exportAudit},
	}
}
