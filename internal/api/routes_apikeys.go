package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// apiKeyRoutes are a tenant's API keys and the tenant as machine clients
// and front ends see it (pers seed).
func (s *Server) apiKeyRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/api-keys", Tag: "API keys", Access: Authenticated, Action: membership.APIKeyCreate,
			Status: http.StatusCreated, Body: CreateAPIKeyRequest{}, Reply: IssuedAPIKey{}, handle: s.createAPIKey,
			Summary: "Create an API key for your token's tenant (the secret is in the answer, and only there)"},
		{Method: "GET", Path: "/api/v1/api-keys", Tag: "API keys", Access: Authenticated, Action: membership.APIKeyRead,
			Status: http.StatusOK, Reply: []APIKey{}, handle: s.listAPIKeys,
			Summary: "List your tenant's API keys, revoked ones too (prefixes, never secrets)"},
		{Method: "POST", Path: "/api/v1/api-keys/{key_id}/rotate", Tag: "API keys", Access: Authenticated, Action: membership.APIKeyRotate,
			Status: http.StatusOK, Reply: IssuedAPIKey{}, handle: s.rotateAPIKey,
			Summary: "Give an API key a new secret; the old one is refused at once"},
		{Method: "DELETE", Path: "/api/v1/api-keys/{key_id}", Tag: "API keys", Access: Authenticated, Action: membership.APIKeyRevoke,
			Status: http.StatusNoContent, handle: s.revokeAPIKey,
			Summary: "Revoke an API key at once (it stays listed as revoked)"},
		{Method: "POST", Path: "/api/v1/login-tokens", Tag: "API keys", Access: Authenticated, Action: membership.LoginTokenIssue,
			Status: http.StatusCreated, Reply: LoginToken{}, handle: s.issueLoginToken,
			Summary: "Mint a login token for a sign-in to your tenant, while it requires one (auth.login_token_required): " +
				"five minutes, one attempt"},

		{Method: "GET", Path: "/api/v1/tenants/me", Tag: "Tenants", Access: Authenticated, Action: membership.TenantRead,
			Status: http.StatusOK, Reply: TenantContextView{}, handle: s.currentTenant,
			Summary: "The tenant of your API key (or scoped token): public profile and client configuration"},
		{Method: "GET", Path: "/api/v1/public/tenants/{slug_or_id}", Tag: "Tenants", Access: Optional,
			Status: http.StatusOK, Reply: TenantContextView{}, handle: s.publicTenant,
			Summary: "A tenant by slug or id, at the level the credentials allow: anonymous public profile, " +
				"API key + client configuration, admin everything; another tenant's credentials see the public level"},
		{Method: "GET", Path: "/api/v1/public/tenants/{slug_or_id}/client-config", Tag: "Tenants", Access: Public,
			Status: http.StatusOK, Reply: ClientConfig{}, handle: s.tenantClientConfig,
			Summary: "What a tenant's front end needs: name, id, usable login methods and factors, publishable keys"},
	}
}
