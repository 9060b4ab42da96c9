package api

import (
	"github.com/tenantry/tenantry/internal/app"
)

// STTenantRequest is the supertokens seed's create-or-update body
// (camelCase). tenantId is the tenant's slug ("public" when left out);
// coreConfig takes the core's own snake_case keys (the token lifetimes).
type STTenantRequest struct {
	TenantID                 string             `json:"tenantId,omitempty"`
	EmailPasswordEnabled     *bool              `json:"emailPasswordEnabled,omitempty"`
	PasswordlessEnabled      *bool              `json:"passwordlessEnabled,omitempty"`
	ThirdPartyEnabled        *bool              `json:"thirdPartyEnabled,omitempty"`
	CoreConfig               *CoreConfigRequest `json:"coreConfig,omitempty"`
	FirstFactors             *[]string          `json:"firstFactors,omitempty"`
	RequiredSecondaryFactors *[]string          `json:"requiredSecondaryFactors,omitempty"`
}

// input is the native auth-config update of the same fields.
func (r STTenantRequest) input() app.AuthConfigUpdate {
	return AuthConfigRequest{EmailPasswordEnabled: r.EmailPasswordEnabled, PasswordlessEnabled: r.PasswordlessEnabled,
		ThirdPartyEnabled: r.ThirdPartyEnabled, FirstFactors: r.FirstFactors,
		RequiredSecondaryFactors: r.RequiredSecondaryFactors, CoreConfig: r.CoreConfig}.input()
}

// STPutTenantResponse answers a create or update.
type STPutTenantResponse struct {
	Status     string `json:"status"`
	CreatedNew bool   `json:"createdNew"`
}

// STStatus is an answer that carries only a status, e.g. TENANT_NOT_FOUND_ERROR.
type STStatus struct {
	Status string `json:"status"`
}

// STTenant is a tenant's effective authentication configuration.
type STTenant struct {
	TenantID                 string            `json:"tenantId"`
	EmailPassword            MethodState       `json:"emailPassword"`
	Passwordless             MethodState       `json:"passwordless"`
	ThirdParty               STThirdPartyState `json:"thirdParty"`
	CoreConfig               CoreConfig        `json:"coreConfig"`
	FirstFactors             []string          `json:"firstFactors"`
	RequiredSecondaryFactors []string          `json:"requiredSecondaryFactors"`
}

// STThirdPartyState says whether third-party login is on, and with which providers.
type STThirdPartyState struct {
	Enabled   bool             `json:"enabled"`
	Providers []STProviderInfo `json:"providers"`
}

// STProviderInfo is a configured provider (its secret is never shown).
type STProviderInfo struct {
	ThirdPartyID string `json:"thirdPartyId"`
	Name         string `json:"name"`
	ClientID     string `json:"clientId"`
}

// STTenantResponse answers GET /recipe/multitenancy/tenant.
type STTenantResponse struct {
	Status                   string            `json:"status"`
	TenantID                 string            `json:"tenantId"`
	EmailPassword            MethodState       `json:"emailPassword"`
	Passwordless             MethodState       `json:"passwordless"`
	ThirdParty               STThirdPartyState `json:"thirdParty"`
	CoreConfig               CoreConfig        `json:"coreConfig"`
	FirstFactors             []string          `json:"firstFactors"`
	RequiredSecondaryFactors []string          `json:"requiredSecondaryFactors"`
}

func stTenantResponseOf(t STTenant) STTenantResponse {
	return STTenantResponse{Status: "OK", TenantID: t.TenantID, EmailPassword: t.EmailPassword, Passwordless: t.Passwordless,
		ThirdParty: t.ThirdParty, CoreConfig: t.CoreConfig, FirstFactors: t.FirstFactors, RequiredSecondaryFactors: t.RequiredSecondaryFactors}
}

// STTenantListResponse answers the list.
type STTenantListResponse struct {
	Status  string     `json:"status"`
	Tenants []STTenant `json:"tenants"`
}

// STTenantIDRequest names a tenant (delete).
type STTenantIDRequest struct {
	TenantID string `json:"tenantId"`
}

// STDeleteResponse answers a delete.
type STDeleteResponse struct {
	Status   string `json:"status"`
	DidExist bool   `json:"didExist"`
}

// STUserRequest associates a user with, or removes one from, a tenant.
type STUserRequest struct {
	TenantID     string `json:"tenantId"`
	RecipeUserID string `json:"recipeUserId"`
}

// STAssociateResponse answers an association; wasAlreadyAssociated only with OK.
type STAssociateResponse struct {
	Status               string `json:"status"`
	WasAlreadyAssociated *bool  `json:"wasAlreadyAssociated,omitempty"`
}

// STRemoveResponse answers a disassociation; wasAssociated only with OK.
type STRemoveResponse struct {
	Status        string `json:"status"`
	WasAssociated *bool  `json:"wasAssociated,omitempty"`
}

func stTenantOf(v *app.AuthConfigView, slug string) STTenant {
	n := authConfigOf(v, false)
	out := STTenant{TenantID: slug, EmailPassword: n.EmailPassword, Passwordless: n.Passwordless,
		ThirdParty: STThirdPartyState{Enabled: n.ThirdParty.Enabled, Providers: []STProviderInfo{}},
		CoreConfig: n.CoreConfig, FirstFactors: n.FirstFactors, RequiredSecondaryFactors: n.RequiredSecondaryFactors}
	for _, p := range n.ThirdParty.Providers {
		out.ThirdParty.Providers = append(out.ThirdParty.Providers, STProviderInfo{ThirdPartyID: p.ID, Name: p.Name, ClientID: p.ClientID})
	}
	return out
}
