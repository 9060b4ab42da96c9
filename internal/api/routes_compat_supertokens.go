package api

import "net/http"

// supertokensTag groups the supertokens seed surface in the OpenAPI document.
const supertokensTag = "Compat: supertokens"

// supertokensRoutes are the supertokens seed's multitenancy recipe
// (docs/compat-supertokens.md): camelCase, authenticated by the core's
// api-key header (a platform key), over the native tenant, auth-config and
// association use cases. They are Public in the table: the handler checks
// the platform key (platformCaller) and answers 401 without one.
func (s *Server) supertokensRoutes() []Route {
	const note = " (supertokens seed; platform key in the api-key header)"
	return []Route{
		{Method: "PUT", Path: "/recipe/multitenancy/tenant", Tag: supertokensTag, Access: Public, Compat: "supertokens", Status: http.StatusOK,
			Summary: "Create or update a tenant and its login configuration" + note, Body: STTenantRequest{}, Reply: STPutTenantResponse{}, handle: s.stPutTenant},
		{Method: "GET", Path: "/recipe/multitenancy/tenant", Tag: supertokensTag, Access: Public, Compat: "supertokens", Status: http.StatusOK,
			Summary: "The tenant of the tenantId header (or the request's domain, else public)" + note, Reply: STTenantResponse{}, handle: s.stGetTenant},
		{Method: "GET", Path: "/recipe/multitenancy/tenant/list", Tag: supertokensTag, Access: Public, Compat: "supertokens", Status: http.StatusOK,
			Summary: "Every active tenant (only from the public tenant's context)" + note, Reply: STTenantListResponse{}, handle: s.stListTenants},
		{Method: "DELETE", Path: "/recipe/multitenancy/tenant", Tag: supertokensTag, Access: Public, Compat: "supertokens", Status: http.StatusOK,
			Summary: "Delete a tenant: the native soft deactivation (public cannot be deleted)" + note, Body: STTenantIDRequest{}, Reply: STDeleteResponse{}, handle: s.stDeleteTenant},
		{Method: "POST", Path: "/recipe/multitenancy/tenant/user", Tag: supertokensTag, Access: Public, Compat: "supertokens", Status: http.StatusOK,
			Summary: "Associate a user with a tenant (viewer)" + note, Body: STUserRequest{}, Reply: STAssociateResponse{}, handle: s.stAssociate},
		{Method: "POST", Path: "/recipe/multitenancy/tenant/user/remove", Tag: supertokensTag, Access: Public, Compat: "supertokens", Status: http.StatusOK,
			Summary: "Remove a user from a tenant" + note, Body: STUserRequest{}, Reply: STRemoveResponse{}, handle: s.stDisassociate},
	}
}
