package api

import (
	"encoding/json"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/setting"
)

// AuthConfigRequest creates or updates a tenant's authentication
// configuration (supertokens seed, snake_case). Every field is optional: a
// field left out (or null) keeps its value, or keeps inheriting from the
// public tenant's configuration.
type AuthConfigRequest struct {
	TenantID                 string             `json:"tenant_id,omitempty"`
	EmailPasswordEnabled     *bool              `json:"email_password_enabled,omitempty"`
	PasswordlessEnabled      *bool              `json:"passwordless_enabled,omitempty"`
	ThirdPartyEnabled        *bool              `json:"third_party_enabled,omitempty"`
	Providers                *[]ProviderRequest `json:"providers,omitempty"`
	FirstFactors             *[]string          `json:"first_factors,omitempty"`
	RequiredSecondaryFactors *[]string          `json:"required_secondary_factors,omitempty"`
	CoreConfig               *CoreConfigRequest `json:"core_config,omitempty"`
}

// ProviderRequest is a third-party identity provider. The client secret is
// stored sealed and never returned; left out, the stored secret of the same
// provider id is kept; "" removes it.
type ProviderRequest struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	ClientID     string  `json:"client_id"`
	ClientSecret *string `json:"client_secret,omitempty" text:"verbatim"`
}

// CoreConfigRequest overrides token lifetimes, in seconds: access 60 to
// 86400, refresh at least the access validity and at most 365 days.
type CoreConfigRequest struct {
	AccessTokenValidity  *int `json:"access_token_validity,omitempty"`
	RefreshTokenValidity *int `json:"refresh_token_validity,omitempty"`
}

// input maps the fields given to the configuration keys they write (the
// auth.* keys; core_config's seconds become durations).
func (r AuthConfigRequest) input() app.AuthConfigUpdate {
	in := app.AuthConfigUpdate{BodyTenantID: r.TenantID, Values: map[string]json.RawMessage{}}
	put := func(key string, v any) {
		if b, err := json.Marshal(v); err == nil {
			in.Values[key] = b
		}
	}
	seconds := func(key string, n *int) {
		if n != nil {
			put(key, (time.Duration(*n) * time.Second).String())
		}
	}
	for key, v := range map[string]*bool{setting.EmailPasswordEnabled: r.EmailPasswordEnabled,
		setting.PasswordlessEnabled: r.PasswordlessEnabled, setting.ThirdPartyEnabled: r.ThirdPartyEnabled} {
		if v != nil {
			put(key, *v)
		}
	}
	for key, v := range map[string]*[]string{setting.FirstFactors: r.FirstFactors,
		setting.RequiredSecondaryFactors: r.RequiredSecondaryFactors} {
		if v != nil {
			put(key, *v)
		}
	}
	if c := r.CoreConfig; c != nil {
		seconds(setting.AccessTokenValidity, c.AccessTokenValidity)
		seconds(setting.RefreshTokenValidity, c.RefreshTokenValidity)
	}
	if r.Providers != nil {
		list := make([]app.ProviderInput, 0, len(*r.Providers))
		for _, p := range *r.Providers {
			list = append(list, app.ProviderInput(p))
		}
		in.Providers = &list
	}
	return in
}

// AuthConfigResponse is a tenant's effective authentication configuration
// (supertokens seed GET shape, snake_case). created_new is present only in
// the answer to PUT. overrides names the fields the tenant sets itself; the
// others come from the public tenant's configuration or the defaults.
type AuthConfigResponse struct {
	Status                   string          `json:"status"`
	TenantID                 string          `json:"tenant_id"`
	CreatedNew               *bool           `json:"created_new,omitempty"`
	EmailPassword            MethodState     `json:"email_password"`
	Passwordless             MethodState     `json:"passwordless"`
	ThirdParty               ThirdPartyState `json:"third_party"`
	FirstFactors             []string        `json:"first_factors"`
	RequiredSecondaryFactors []string        `json:"required_secondary_factors"`
	CoreConfig               CoreConfig      `json:"core_config"`
	Overrides                []string        `json:"overrides"`
}

// MethodState says whether a login method is on.
type MethodState struct {
	Enabled bool `json:"enabled"`
}

// ThirdPartyState says whether third-party login is on, and with which providers.
type ThirdPartyState struct {
	Enabled   bool           `json:"enabled"`
	Providers []ProviderInfo `json:"providers"`
}

// ProviderInfo is a configured provider; its secret is never shown.
type ProviderInfo struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	ClientID        string `json:"client_id"`
	ClientSecretSet bool   `json:"client_secret_set"`
}

// CoreConfig holds the effective token lifetimes, in seconds.
type CoreConfig struct {
	AccessTokenValidity  int `json:"access_token_validity"`
	RefreshTokenValidity int `json:"refresh_token_validity"`
}

func authConfigOf(v *app.AuthConfigView, withCreated bool) AuthConfigResponse {
	e := v.Effective
	out := AuthConfigResponse{Status: "OK", TenantID: v.TenantID,
		EmailPassword: MethodState{e.EmailPasswordEnabled}, Passwordless: MethodState{e.PasswordlessEnabled},
		ThirdParty:   ThirdPartyState{Enabled: e.ThirdPartyEnabled, Providers: []ProviderInfo{}},
		FirstFactors: nonNilStrings(e.FirstFactors), RequiredSecondaryFactors: nonNilStrings(e.RequiredSecondaryFactors),
		CoreConfig: CoreConfig{AccessTokenValidity: int(e.AccessTokenValidity / time.Second),
			RefreshTokenValidity: int(e.RefreshTokenValidity / time.Second)},
		Overrides: nonNilStrings(v.Overrides)}
	if withCreated {
		out.CreatedNew = &v.CreatedNew
	}
	for _, p := range e.Providers {
		out.ThirdParty.Providers = append(out.ThirdParty.Providers,
			ProviderInfo{ID: p.ID, Name: p.Name, ClientID: p.ClientID, ClientSecretSet: p.ClientSecretSealed != ""})
	}
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
