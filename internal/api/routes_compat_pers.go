package api

import "net/http"

// persTag groups the pers seed surface in the OpenAPI document.
const persTag = "Compat: pers"

// persRoutes are the pers seed's tenant endpoints (docs/compat-pers.md):
// camelCase, over the native tenant, API key, stripe configuration and
// public tenant view use cases. They are Public in the table: the handlers
// read pers's own credential headers (persCaller) and answer 401 to
// refused ones.
func (s *Server) persRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/tenants", Tag: persTag, Access: Public, Compat: "pers", Status: http.StatusCreated,
			Summary: "Create a project: a tenant with its admin token and prod and dev API keys, shown once (platform key in x-api-key)",
			Body:    PersCreateRequest{}, Reply: PersProject{}, handle: s.persCreate},
		{Method: "PUT", Path: "/tenants", Tag: persTag, Access: Public, Compat: "pers", Status: http.StatusOK,
			Summary: "Update your project (tenant-admin bearer token; Stripe keys sealed)",
			Body:    PersUpdateRequest{}, Reply: PersProject{}, handle: s.persUpdate},
		{Method: "GET", Path: "/tenants/client-config", Tag: persTag, Access: Public, Compat: "pers", Status: http.StatusOK,
			Summary: "Your project's client configuration (x-project-key)", Reply: PersClientConfig{}, handle: s.persClientConfig},
		{Method: "GET", Path: "/tenants/login-token", Tag: persTag, Access: Public, Compat: "pers", Status: http.StatusOK,
			Summary: "A login token for a sign-in to your project (x-project-key with the login-tokens:write scope)",
			Reply:   "", handle: s.persLoginToken},
		{Method: "GET", Path: "/tenants/me", Tag: persTag, Access: Public, Compat: "pers", Status: http.StatusOK,
			Summary: "The project of your key (x-project-key)", Reply: PersTenantInfo{}, handle: s.persMe},
		{Method: "GET", Path: "/tenants/{id}", Tag: persTag, Access: Public, Compat: "pers", Status: http.StatusOK,
			Summary: "A project by id or slug, at the level your credentials allow (anonymous, project key, admin bearer)",
			Reply:   PersTenantInfo{}, handle: s.persGet},
	}
}
