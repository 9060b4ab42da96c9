package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// The trueport seed's surface (docs/compat-trueport.md): its paths under
// /platform/api, over the native use cases. Where the native route already
// answers in trueport's shape the row is an alias of it (same handler,
// action and status); where the seed differs — its role names, 400 for a
// registered email, a password change without the concurrency stamp, 200
// for a removed member, the service info — a handler of its own
// (compat_trueport.go) calls the same use case and answers the seed's way.

const trueport = "trueport"

// trueportRoutes are the trueport rows; native finds a native row by
// "METHOD path".
func (s *Server) trueportRoutes(native func(key string) Route) []Route {
	alias := func(key, path string) Route {
		rt := native(key)
		rt.Path, rt.Tag, rt.Compat, rt.Native = path, "Compat: trueport", trueport, key
		return rt
	}
	own := func(key string, rt Route) Route {
		rt.Tag, rt.Compat, rt.Native = "Compat: trueport", trueport, key
		return rt
	}
	const g, sv, ad = "/platform/api/global", "/platform/api/service", "/platform/api/admin"
	return []Route{
		own("POST /api/v1/auth/register", Route{Method: "POST", Path: g + "/auth/register", Access: Public, Status: http.StatusCreated,
			Summary: "Create a user account (400 when the email is registered)", Body: AccountRequest{}, Reply: Account{},
			handle: s.trueportRegister}),
		alias("POST /api/v1/auth/login", g+"/auth/login"),
		alias("POST /api/v1/auth/otp/request", g+"/auth/otp/request"),
		alias("POST /api/v1/auth/otp/verify", g+"/auth/otp/verify"),
		own("POST /api/v1/auth/select-tenant", Route{Method: "POST", Path: g + "/auth/select-tenant", Access: Authenticated,
			Status: http.StatusOK, Summary: "Exchange a global token for a tenant-scoped one (role in trueport's words)",
			Body: SelectTenantRequest{}, Reply: SelectTenantResponse{}, handle: s.selectTenantNaming(trueportRole)}),
		alias("POST /api/v1/auth/forgot-password", g+"/auth/forgot-password"),
		alias("POST /api/v1/auth/reset-password", g+"/auth/reset-password"),
		own("PUT /api/v1/me/password", Route{Method: "PUT", Path: g + "/auth/password", Access: Authenticated, Status: http.StatusOK,
			Summary: "Change the password (current_password verified; applied once per request)", Body: TrueportPasswordRequest{},
			Reply: Message{}, handle: s.trueportPassword}),
		alias("POST /api/v1/tenants", g+"/tenants"),
		own("GET /api/v1/me/tenants", Route{Method: "GET", Path: g + "/tenants", Access: Authenticated, Status: http.StatusOK,
			Summary: "The organizations the caller belongs to (role in trueport's words)", Reply: []MyTenant{},
			handle: s.trueportMyTenants}),
		alias("GET /api/v1/tenants/check-availability", g+"/tenants/check-availability"),

		own("GET /api/v1/tenants/me", Route{Method: "GET", Path: sv + "/info", Access: Authenticated, Action: membership.TenantRead,
			Status: http.StatusOK, Summary: "The scoped token's tenant with its subscription", Reply: TrueportInfo{},
			handle: s.trueportInfo}),
		own("POST /api/v1/auth/switch-environment", Route{Method: "POST", Path: sv + "/auth/switch-environment",
			Access: Authenticated, Status: http.StatusOK, Summary: "Switch the scoped token's environment (prod, staging, dev)",
			Body: SwitchEnvironmentRequest{}, Reply: SwitchEnvironmentResponse{}, handle: s.switchEnvironmentNaming(trueportRole)}),
		own("GET /api/v1/members", Route{Method: "GET", Path: sv + "/members", Access: Authenticated, Action: membership.MemberRead,
			Status: http.StatusOK, Summary: "The tenant's members (roles in trueport's words)", Reply: []Member{},
			handle: s.trueportMembers}),
		own("POST /api/v1/invites", Route{Method: "POST", Path: sv + "/invites", Access: Authenticated, Action: membership.InviteCreate,
			Status: http.StatusCreated, Summary: "Invite by email as admin, member or viewer", Body: InviteRequest{}, Reply: Invite{},
			handle: s.trueportInvite}),
		own("DELETE /api/v1/members/{user_id}", Route{Method: "DELETE", Path: sv + "/members/{user_id}", Access: Authenticated,
			Action: membership.MemberRemove, Status: http.StatusOK, Summary: "Remove a member (403 for the owner)", Reply: Message{},
			handle: s.trueportRemoveMember}),
		alias("GET /api/v1/catalog/plans", sv+"/catalog/plans"),
		alias("POST /api/v1/subscriptions", sv+"/subscriptions"),
		alias("GET /api/v1/configs", sv+"/configs"),
		alias("PUT /api/v1/configs/{key}", sv+"/configs/{key}"),
		alias("GET /api/v1/storage", sv+"/storage"),
		alias("PUT /api/v1/storage", sv+"/storage"),

		alias("GET /api/v1/admin/tenants", ad+"/tenants"),
		alias("PUT /api/v1/admin/tenants/{tenant_id}/status", ad+"/tenants/{tenant_id}/status"),
		alias("GET /api/v1/admin/users", ad+"/users"),
		alias("GET /api/v1/admin/stats", ad+"/stats"),
		alias("GET /api/v1/admin/configs", ad+"/configs"),
		alias("PUT /api/v1/admin/configs/{key}", ad+"/configs/{key}"),
	}
}
