package api

import (
	"net/http"
	"slices"

	"github.com/tenantry/tenantry/internal/membership"
)

var (
	pagination = []Param{
		{Name: "skip", Type: "integer", Description: "How many items to skip (default 0)."},
		{Name: "limit", Type: "integer", Description: "How many items to return (default 100, at most 500)."},
	}
	tenantFilter = append([]Param{{Name: "status", Type: "string", Description: "active or inactive."}}, pagination...)
	auditFilter  = append([]Param{
		{Name: "tenant_id", Type: "string", Description: "The tenant to list (platform admins: optional; others: defaults to the token's tenant)."},
		{Name: "action", Type: "string", Description: "Only events of this action, e.g. auth.login."},
		{Name: "actor_id", Type: "string", Description: "Only events by this user."},
		{Name: "resource_type", Type: "string", Description: "Only events about resources of this type, e.g. tenant."},
		{Name: "resource_id", Type: "string", Description: "Only events about this resource."},
		{Name: "result", Type: "string", Description: "Only successes (success) or only failures (failure)."},
		{Name: "from", Type: "string", Description: "Only events created at or after this RFC 3339 time."},
		{Name: "to", Type: "string", Description: "Only events created before this RFC 3339 time."},
		{Name: "cursor", Type: "string", Description: "The X-Next-Cursor of the previous page: pages at any depth in the time of one page (skip is then ignored)."},
	}, pagination...)
)

// table is the route table: every endpoint, its access rule, its permission
// action and its shapes. The mux, the OpenAPI document and the access tests
// are all built from it. Each area lists its routes in a function of its own.
func (s *Server) table() []Route {
	var all []Route
	for _, area := range [][]Route{
		s.tenantRoutes(),
		s.identityRoutes(),
		s.authConfigRoutes(),
		s.outletRoutes(),
		s.serviceRoutes(),
		s.staffRoutes(),
		s.memberRoutes(),
		s.apiKeyRoutes(),
		s.credentialRoutes(),
		s.storageRoutes(),
		s.limitRoutes(),
		s.billingRoutes(),
		s.webhookRoutes(),
		s.webhookEndpointRoutes(),
		s.pageRoutes(),
		s.consoleRoutes(),
		s.partnerRoutes(),
		s.settingRoutes(),
		s.statsRoutes(),
		s.auditRoutes(),
		s.adminRoutes(),
		s.erasureRoutes(),
		s.customerRoutes(),
		s.appointmentRoutes(),
		s.exchangeRoutes(),
		s.platformKeyRoutes(),
		s.supertokensRoutes(),
		s.persRoutes(),
		s.operationRoutes(),
	} {
		all = append(all, area...)
	}
	native := func(key string) Route {
		for _, rt := range all {
			if rt.Method+" "+rt.Path == key {
				return rt
			}
		}
		panic("api: no native route " + key) // a typo in a compat row: every test fails at once
	}
	all = append(all, s.trueportRoutes(native)...)
	served := all[:0]
	for _, rt := range all {
		if rt.Compat == "" || slices.Contains(s.opt.Compat, rt.Compat) {
			served = append(served, rt)
		}
	}
	return served
}

// tenantRoutes are registration, sessions and tenants.
func (s *Server) tenantRoutes() []Route {
	return []Route{
		// Registration and onboarding.
		{Method: "POST", Path: "/api/v1/public/register", Tag: "Tenants", Access: Public, Status: http.StatusCreated,
			Summary: "Register a business (self-service, no authentication)", Body: RegisterRequest{}, Reply: RegisterResponse{}, handle: s.register},
		{Method: "GET", Path: "/api/v1/tenants/check-availability", Tag: "Tenants", Access: Public, Status: http.StatusOK,
			Summary: "Check whether a slug is free", Query: []Param{{Name: "slug", Type: "string", Description: "The slug to check."}},
			Reply: Availability{}, handle: s.checkAvailability},

		// Sessions.
		{Method: "POST", Path: "/api/v1/auth/login", Tag: "Auth", Access: Public, Status: http.StatusOK,
			Summary: "Log in with email and password (tokens, or an MFA challenge when a second factor is needed)", Body: LoginRequest{}, Reply: LoginResponse{}, handle: s.login},
		{Method: "POST", Path: "/api/v1/auth/select-tenant", Tag: "Auth", Access: Authenticated, Status: http.StatusOK,
			Summary: "Exchange a token for one scoped to a tenant", Body: SelectTenantRequest{}, Reply: SelectTenantResponse{}, handle: s.selectTenant},
		{Method: "POST", Path: "/api/v1/auth/refresh", Tag: "Auth", Access: Public, Status: http.StatusOK,
			Summary: "Rotate a refresh token", Body: RefreshRequest{}, Reply: RefreshResponse{}, handle: s.refresh},
		{Method: "POST", Path: "/api/v1/auth/logout", Tag: "Auth", Access: Authenticated, Status: http.StatusNoContent,
			Summary: "End the session (or, without a refresh token, every session)", Body: LogoutRequest{}, OptionalBody: true, handle: s.logout},
		{Method: "GET", Path: "/.well-known/jwks.json", Tag: "Auth", Access: Operations, Status: http.StatusOK,
			Summary: "Public keys that verify access tokens", Reply: JWKS{}, handle: s.jwks},

		// Tenants.
		{Method: "GET", Path: "/api/v1/tenants", Tag: "Tenants", Access: Authenticated, Status: http.StatusOK,
			Summary: "List tenants (platform admin: all; others: their own)", Query: tenantFilter, Reply: []TenantSummary{}, TotalCount: true, handle: s.listTenants},
		{Method: "POST", Path: "/api/v1/tenants", Tag: "Tenants", Access: Authenticated, Status: http.StatusCreated,
			Summary: "Create a tenant with its admin (platform admin) or an organization you own", Body: CreateTenantRequest{}, Reply: Tenant{}, handle: s.createTenant},
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}", Tag: "Tenants", Access: Authenticated, Action: membership.TenantRead, Status: http.StatusOK,
			Summary: "Get a tenant", Reply: Tenant{}, handle: s.getTenant},
		{Method: "PUT", Path: "/api/v1/tenants/{tenant_id}", Tag: "Tenants", Access: Authenticated, Action: membership.TenantUpdate, Status: http.StatusOK,
			Summary: "Update a tenant (partial; the slug never changes)", Body: UpdateTenantRequest{}, Reply: Tenant{}, handle: s.updateTenant},
		{Method: "DELETE", Path: "/api/v1/tenants/{tenant_id}", Tag: "Tenants", Access: Authenticated, Action: membership.TenantDeactivate, Status: http.StatusNoContent,
			Summary: "Deactivate a tenant (soft, reversible)", handle: s.deactivateTenant},
		{Method: "POST", Path: "/api/v1/tenants/{tenant_id}/reactivate", Tag: "Tenants", Access: Authenticated, Action: membership.TenantReactivate, Status: http.StatusOK,
			Summary: "Reactivate a deactivated tenant", Reply: Tenant{}, handle: s.reactivateTenant},
		{Method: "PUT", Path: "/api/v1/admin/tenants/{tenant_id}/status", Tag: "Platform admin", Access: Authenticated, Action: membership.TenantSetStatus, Status: http.StatusOK,
			Summary: "Set a tenant's status with a reason", Body: StatusRequest{}, Reply: Tenant{}, handle: s.setTenantStatus},
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}/staff-position-templates", Tag: "Tenants", Access: Authenticated, Action: membership.TemplatesRead, Status: http.StatusOK,
			Summary: "A tenant's staff position templates", Reply: StaffPositionTemplates{}, handle: s.staffPositionTemplates},
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}/service-category-templates", Tag: "Tenants", Access: Authenticated, Action: membership.TemplatesRead, Status: http.StatusOK,
			Summary: "A tenant's service category templates", Reply: ServiceCategoryTemplates{}, handle: s.serviceCategoryTemplates},
	}
}

// operationRoutes are probes, metrics and the API reference.
func (s *Server) operationRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/healthz", Tag: "Operations", Access: Operations, Status: http.StatusOK,
			Summary: "Liveness", Reply: Health{}, handle: s.healthz},
		{Method: "GET", Path: "/readyz", Tag: "Operations", Access: Operations, Status: http.StatusOK,
			Summary: "Readiness (checks the database)", Reply: Health{}, handle: s.readyz},
		{Method: "GET", Path: "/metrics", Tag: "Operations", Access: Operations, Status: http.StatusOK, ContentType: "text/plain",
			Summary: "Prometheus metrics", handle: s.metricsHandler()},
		{Method: "GET", Path: "/openapi.json", Tag: "Operations", Access: Operations, Status: http.StatusOK,
			Summary: "This API's OpenAPI 3.1 description", ContentType: "application/json", handle: s.openapiJSON},
		{Method: "GET", Path: "/docs", Tag: "Operations", Access: Operations, Status: http.StatusOK, ContentType: "text/html",
			Summary: "Browsable API reference (works offline)", handle: s.docsPage},
		{Method: "GET", Path: "/docs/{file}", Tag: "Operations", Access: Operations, Status: http.StatusOK, ContentType: "text/css",
			Summary: "Assets of the API reference", handle: s.docsAsset},
	}
}
